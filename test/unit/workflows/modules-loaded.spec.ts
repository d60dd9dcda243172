import { pingxiang2017Content } from '../../../domain/policy/packs/pingxiang-2017.content';
import { preloadedWorkflowModules } from '../../../infra/temporal/workflow-bundle-options';

/**
 * Every workflow in the worker's sandbox evaluates its own copy of each module the workflow code imports,
 * so what those modules load at once is paid again for every cached workflow (decision 0131). zod with
 * the pack's schema, and the ed25519 curve, are loaded only when a pack is validated or a signature
 * checked — once per worker, not once per workflow.
 */
const heavy = ['zod', '@noble/curves/ed25519'] as const;

/** Which of the heavy modules were evaluated while `work` ran on a fresh module registry. */
async function heavyModulesLoadedBy(work: () => Promise<void>): Promise<string[]> {
  const loaded: string[] = [];
  await jest.isolateModulesAsync(async () => {
    for (const name of heavy) {
      jest.doMock(name, () => {
        loaded.push(name);
        return jest.requireActual<object>(name);
      });
    }
    await work();
  });
  return loaded;
}

describe('what the workflow code loads', () => {
  afterEach(() => {
    for (const name of heavy) jest.dontMock(name);
  });

  it('loads neither the pack validator nor the curve with the workflows', async () => {
    const loaded = await heavyModulesLoadedBy(async () => {
      await import('../../../workflows');
    });
    expect(loaded).toEqual([]);
  });

  it('loads neither with the modules the worker preloads, which are frozen once loaded', async () => {
    const loaded = await heavyModulesLoadedBy(async () => {
      // The stack-trace depth is the sandbox's setting: it would cut this process's own traces.
      for (const module of preloadedWorkflowModules().filter((path) => !path.includes('stack-trace')))
        await import(module);
    });
    expect(loaded).toEqual([]);
  });

  it('loads the validator the first time a pack is validated', async () => {
    const loaded = await heavyModulesLoadedBy(async () => {
      const { definePolicyPack } = await import('../../../domain/policy/define-policy-pack');
      expect(definePolicyPack(pingxiang2017Content).id).toBe(pingxiang2017Content.id);
    });
    expect(loaded).toEqual(['zod']);
  });

  it('loads the curve the first time a ledger checks a signature', async () => {
    const loaded = await heavyModulesLoadedBy(async () => {
      const rules = await import('../../../workflows/audit/checkpoint-ledger-rules');
      const publicKey = '11'.repeat(32);
      const key = { keyId: rules.pinnedKeyId(publicKey), publicKey };
      const request = { key, endorsedBy: key.keyId, endorsement: 'AAAA' };
      const refusal = rules.keyPinRefusal(rules.validPins([key]), 'p-1', request);
      expect(refusal?.code).toBe('KEY_PIN_ENDORSEMENT_INVALID');
    });
    expect(loaded).toEqual(['@noble/curves/ed25519']);
  });
});
