import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { batchDecider } from '../../../domain/batch';
import { townDecider } from '../../../domain/town';
import {
  batchAllowedQuery,
  submitApplicationUpdate,
  recordDefenceScoreUpdate,
} from '../../../workflows/batch/batch.messages';
import { batchWorkflow } from '../../../workflows/batch/batch.workflow';
import { relayedTownCommandSignal, townViewQuery } from '../../../workflows/town/town.messages';
import { startDevServerWorker, type DevServerWorker } from '../../helpers/dev-server-worker';
import { faultyStore, type FaultyStore } from '../../helpers/faulty-store';
import { metaFor, seatHolders } from '../../helpers/programme-officials';
import { pingxiang2017, pingxiang2017FirstEdition } from '../../../domain/policy';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';
import { applyDirectly } from '../../helpers/town-application';

/** The batch workflow on the real dev server: applications start the towns, refusals write nothing. */
describe('batch workflow', () => {
  const policy = pingxiangRehearsalOpeningToday();
  let system: DevServerWorker<FaultyStore>;
  let programmeId: string;

  beforeAll(async () => {
    // No fault is injected here: the wrapper counts the appends each stream was sent.
    system = await startDevServerWorker('batch', faultyStore);
  });

  afterAll(async () => {
    await system.close();
  });

  /** A batch whose county quota already counts one Shangli town listed earlier. */
  const startBatch = async (pack: PolicyPack) => {
    programmeId = randomUUID();
    await system.client.workflow.start(batchWorkflow, {
      workflowId: batchDecider.streamOf(programmeId, '2017', 'unambiguous'),
      taskQueue: system.taskQueue,
      args: [
        {
          programmeId,
          batchId: '2017',
          policy: pack,
          priorListedByCounty: { shangli: ['shangli-earlier'] },
          naming: 'unambiguous',
        },
      ],
    });
  };

  beforeEach(() => startBatch(policy));

  const handle = () =>
    system.client.workflow.getHandle(batchDecider.streamOf(programmeId, '2017', 'unambiguous'));
  const apply = (townId: string, county = 'shangli', name = `${townId} 小镇`) =>
    handle().executeUpdate(submitApplicationUpdate, {
      args: [
        {
          data: { townId, name, county, kind: 'administrative-town', industry: 'fireworks' },
          meta: metaFor(seatHolders.county(county)),
        },
      ],
    });
  const batchEvents = async () =>
    (await system.store.readStream(batchDecider.streamOf(programmeId, '2017', 'unambiguous'))).map(
      (event) => event.type,
    );
  /** A town that applied outside this batch (another batch, another programme): its workflow is running. */
  const townAppliedElsewhere = (townId: string, county: string) =>
    applyDirectly({ ...system, policy, townId, county, name: '早先的小镇' });
  const refusal = async (step: Promise<unknown>) => {
    const error = await step.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((error as WorkflowUpdateFailedError).cause as { type?: string }).type;
  };

  it('records the application in the batch, starts the town, and answers once both are stored', async () => {
    const townId = randomUUID();
    const recorded = await apply(townId);
    expect(recorded.townWorkflowId).toBe(townDecider.streamOf(townId));
    const batchEvents = await system.store.readStream(
      batchDecider.streamOf(programmeId, '2017', 'unambiguous'),
    );
    expect(batchEvents.map((event) => event.type)).toEqual(['BatchOpened', 'ApplicationReceived']);
    expect(batchEvents[1]?.id).toBe(recorded.batch.eventIds[0]);
    const townEvents = await system.store.readStream(townDecider.streamOf(townId));
    expect(townEvents.map((event) => event.id)).toEqual(recorded.town.eventIds);
    expect(townEvents[0]?.metadata.actor).toEqual(seatHolders.county('shangli'));
    const town = await system.client.workflow.getHandle(townDecider.streamOf(townId)).query(townViewQuery);
    expect(town.state).toMatchObject({ status: 'applied', batchId: '2017', county: 'shangli' });
    expect(town).toMatchObject({ policyId: policy.id, policyVersion: policy.version });
  });

  it('starts the town with a reference to the pack, which the town rebuilds to the same version (0130)', async () => {
    const townId = randomUUID();
    await apply(townId);
    const history = await system.client.workflow.getHandle(townDecider.streamOf(townId)).fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const payload = started?.input?.payloads?.[0]?.data;
    if (!payload) throw new Error("the town's start has no input");
    const input = JSON.parse(new TextDecoder().decode(payload)) as { policy: Record<string, unknown> };
    expect(input.policy).toEqual({
      builtIn: { id: 'pingxiang-2017', version: pingxiang2017.version, rehearsalOpensOn: expect.any(String) },
      version: policy.version,
    });
    expect(payload.byteLength).toBeLessThan(2_000);
  });

  it('refuses at once, writing nothing and starting nothing: a quota on applications counts earlier batches', async () => {
    // The first edition of the pack capped applications (Pingxiang's current one caps listing only).
    await startBatch(pingxiangRehearsalOpeningToday(pingxiang2017FirstEdition));
    await apply(randomUUID());
    const before = await system.store.readStream(batchDecider.streamOf(programmeId, '2017', 'unambiguous'));
    const third = randomUUID();
    expect(await refusal(apply(third))).toBe('COUNTY_QUOTA_FULL');
    expect(
      await system.store.readStream(batchDecider.streamOf(programmeId, '2017', 'unambiguous')),
    ).toHaveLength(before.length);
    expect(await system.store.readStream(townDecider.streamOf(third))).toEqual([]);
    await expect(system.client.workflow.getHandle(townDecider.streamOf(third)).describe()).rejects.toThrow();
  });

  it('refuses an official acting for another county, and a defence score while the window is open', async () => {
    const townId = randomUUID();
    const foreign = handle().executeUpdate(submitApplicationUpdate, {
      args: [
        {
          data: { townId, name: '小镇', county: 'luxi', kind: 'administrative-town', industry: 'fireworks' },
          meta: metaFor(seatHolders.county('anyuan')),
        },
      ],
    });
    expect(await refusal(foreign)).toBe('ACTOR_COUNTY_MISMATCH');
    const scored = handle().executeUpdate(recordDefenceScoreUpdate, {
      args: [{ data: { townId, scores: {} }, meta: metaFor(seatHolders.office) }],
    });
    expect(await refusal(scored)).toBe('APPLICATION_WINDOW_STILL_OPEN');
    const allowed = await handle().query(batchAllowedQuery, { county: 'luxi' });
    expect(allowed['county-official']).toEqual(['SubmitApplication']);
    expect(allowed['joint-meeting-office']).toEqual([]);
  });

  it('is answered by a town that already exists with its refusal, and records nothing (no hang)', async () => {
    const townId = randomUUID();
    await townAppliedElsewhere(townId, 'luxi');
    expect(await refusal(apply(townId, 'luxi'))).toBe('TOWN_ALREADY_APPLIED');
    expect(await batchEvents()).toEqual(['BatchOpened']);
    expect(await system.store.readStream(townDecider.streamOf(townId))).toHaveLength(1);
  });

  it('is refused by a town whose run has closed, which keeps its record; the county keeps its places', async () => {
    const townId = randomUUID();
    await townAppliedElsewhere(townId, 'anyuan');
    const closed = system.client.workflow.getHandle(townDecider.streamOf(townId));
    const commandId = randomUUID();
    await closed.signal(relayedTownCommandSignal, {
      command: {
        type: 'RecordSelection',
        data: { batchId: '2017', listed: false, publishedAt: new Date().toISOString(), weightedScore: 40 },
      },
      from: 'an-earlier-batch',
      commandId,
      correlationId: commandId,
    });
    await closed.result();

    // The application starts a new run of the town, which finds the record of the first and refuses.
    expect(await refusal(apply(townId, 'anyuan'))).toBe('TOWN_ALREADY_APPLIED');
    expect((await system.store.readStream(townDecider.streamOf(townId))).map((event) => event.type)).toEqual([
      'TownApplied',
      'TownNotListed',
    ]);
    expect(await batchEvents()).toEqual(['BatchOpened']);
    // Both of the county's places are still free.
    await apply(randomUUID(), 'anyuan');
    await apply(randomUUID(), 'anyuan');
    expect(await batchEvents()).toEqual(['BatchOpened', 'ApplicationReceived', 'ApplicationReceived']);
  });

  it('refuses text the store cannot hold at once, without retrying, and the next application goes through', async () => {
    const townId = randomUUID();
    expect(await refusal(apply(townId, 'lianhua', '莲花\u0000小镇'))).toBe('EVENT_DATA_REFUSED');
    expect(system.store.attempts(townDecider.streamOf(townId))).toBe(1);
    expect(await system.store.readStream(townDecider.streamOf(townId))).toEqual([]);
    expect(await batchEvents()).toEqual(['BatchOpened']);
    await apply(randomUUID(), 'xiangdong');
    expect(await batchEvents()).toEqual(['BatchOpened', 'ApplicationReceived']);
  });
});
