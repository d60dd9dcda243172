import { checkpointDigest } from '../../../infra/audit/checkpoint';
import { keyPinRequest } from '../../../apps/checkpointer/key-pinning';
import {
  keyPinRefusal,
  ledgerCheckpointDigest,
  ledgerRefusal,
  ledgerRefusals,
  validPins,
} from '../../../workflows/audit/checkpoint-ledger-rules';
import { pinOf } from '../../../apps/checkpointer/checkpoint-sinks';
import { checkpointLedgerWorkflowType } from '../../../workflows/audit/checkpoint-ledger.messages';
import { checkpointLedgerWorkflow } from '../../../workflows/audit/checkpoint-ledger.workflow';
import {
  buildLog,
  checkpointsOf,
  firstFormatCheckpointsOf,
  prefixedFormatCheckpointsOf,
  roundRobin,
  testSigningKey,
} from './chained-log';

describe('the checkpoint ledger rules', () => {
  const key = testSigningKey();
  const [first, second, third] = checkpointsOf(buildLog(roundRobin(12, 3)), [4, 8, 12], key);

  it('compute the digest the checkpoint module computes, so the ledger holds the same chain', () => {
    expect(ledgerCheckpointDigest(first!)).toBe(checkpointDigest(first!));
    expect(ledgerCheckpointDigest(second!)).toBe(checkpointDigest(second!));
    expect(third!.previousCheckpointDigest).toBe(ledgerCheckpointDigest(second!));
  });

  it('accept, when keys are pinned, only checkpoints a pinned key signed', () => {
    const pinned = validPins([pinOf(key.keyId, key.publicKey)]);
    const other = testSigningKey();
    const [forged] = checkpointsOf(buildLog(roundRobin(12, 3)), [4], other);
    expect(ledgerRefusal(undefined, first!, pinned)).toBeUndefined();
    expect(ledgerRefusal(first, second!, pinned)).toBeUndefined();
    expect(ledgerRefusal(undefined, forged!, pinned)?.code).toBe('CHECKPOINT_KEY_NOT_PINNED');
    expect(ledgerRefusal(undefined, { ...first!, signature: forged!.signature }, pinned)?.code).toBe(
      'CHECKPOINT_SIGNATURE_INVALID',
    );
    expect(ledgerRefusal(undefined, { ...first!, count: 5 }, pinned)?.code).toBe(
      'CHECKPOINT_SIGNATURE_INVALID',
    );
    // A pin whose id is not its key's is not trusted; a ledger started before pinning checks nothing.
    const mislabelled = validPins([{ ...pinOf(other.keyId, other.publicKey), keyId: key.keyId }]);
    expect(ledgerRefusal(undefined, first!, mislabelled)?.code).toBe('CHECKPOINT_KEY_NOT_PINNED');
    expect(ledgerRefusal(undefined, forged!)).toBeUndefined();
  });

  it('accept the first checkpoint in an empty ledger, then each that extends the last', () => {
    expect(ledgerRefusal(undefined, first!)).toBeUndefined();
    expect(ledgerRefusal(first, second!)).toBeUndefined();
    expect(ledgerRefusal(second, third!)).toBeUndefined();
  });

  it('accept checkpoints of the first format, and their digests stay what they were', () => {
    const [old] = firstFormatCheckpointsOf(buildLog(roundRobin(12, 3)), [4], key);
    expect(old).not.toHaveProperty('logHashPrefixes');
    expect(ledgerRefusal(undefined, old!)).toBeUndefined();
    expect(ledgerCheckpointDigest(old!)).toBe(checkpointDigest(old!));
  });

  it('accept checkpoints of the second format, which name no schema, with the digest verification computes', () => {
    const [older] = prefixedFormatCheckpointsOf(buildLog(roundRobin(12, 3)), [4], key);
    expect(older).not.toHaveProperty('schemaVersion');
    expect(ledgerRefusal(undefined, older!)).toBeUndefined();
    expect(ledgerCheckpointDigest(older!)).toBe(checkpointDigest(older!));
    expect(first!.format).toBe('towns-checkpoint/3');
  });

  it.each([
    ['a checkpoint after a gap', () => ledgerRefusal(first, third!), 'CHECKPOINT_CHAIN_BROKEN'],
    ['the same checkpoint again', () => ledgerRefusal(second, second!), 'CHECKPOINT_CHAIN_BROKEN'],
    ['a later checkpoint first', () => ledgerRefusal(undefined, second!), 'CHECKPOINT_CHAIN_BROKEN'],
    [
      'a wrong sequence number',
      () => ledgerRefusal(first, { ...second!, sequence: 5 }),
      'CHECKPOINT_SEQUENCE_NOT_NEXT',
    ],
    [
      'a position not after the last',
      () => ledgerRefusal(first, { ...second!, upToPosition: '4' }),
      'CHECKPOINT_POSITION_NOT_AFTER',
    ],
    [
      'fewer events than the last',
      () => ledgerRefusal(first, { ...second!, count: 3 }),
      'CHECKPOINT_COUNT_BEHIND',
    ],
    [
      'another format',
      () => ledgerRefusal(undefined, { ...first!, format: 'x' as never }),
      'CHECKPOINT_MALFORMED',
    ],
    [
      'a digest that is not hex',
      () => ledgerRefusal(undefined, { ...first!, logDigest: 'zz' }),
      'CHECKPOINT_MALFORMED',
    ],
    [
      'a field the format does not have',
      () => ledgerRefusal(undefined, { ...first!, note: 'x' } as never),
      'CHECKPOINT_MALFORMED',
    ],
    ['no signature', () => ledgerRefusal(undefined, { ...first!, signature: '' }), 'CHECKPOINT_MALFORMED'],
    [
      'prefixes missing from the second format',
      () => ledgerRefusal(undefined, { ...first!, logHashPrefixes: undefined }),
      'CHECKPOINT_MALFORMED',
    ],
    [
      'the schema version missing from the third format',
      () => ledgerRefusal(undefined, { ...first!, schemaVersion: undefined }),
      'CHECKPOINT_MALFORMED',
    ],
    [
      'a schema version in the second format',
      () => ledgerRefusal(undefined, { ...first!, format: 'towns-checkpoint/2' }),
      'CHECKPOINT_MALFORMED',
    ],
    [
      'a schema version that is not a positive integer',
      () => ledgerRefusal(undefined, { ...first!, schemaVersion: 0 }),
      'CHECKPOINT_MALFORMED',
    ],
    [
      'prefixes that are not hex',
      () => ledgerRefusal(undefined, { ...first!, logHashPrefixes: 'z'.repeat(64) }),
      'CHECKPOINT_MALFORMED',
    ],
    [
      'one prefix fewer than the events it seals',
      () => ledgerRefusal(first, { ...second!, logHashPrefixes: second!.logHashPrefixes!.slice(16) }),
      'CHECKPOINT_PREFIXES_MISCOUNTED',
    ],
  ])('refuse %s with a stable code and messages in both languages', (_case, refuse, code) => {
    const refusal = refuse();
    expect(refusal?.code).toBe(code);
    expect(Object.keys(ledgerRefusals)).toContain(code);
    expect(refusal?.messageEn).not.toMatch(/\{\w+\}/);
    expect(refusal?.messageZh).not.toMatch(/\{\w+\}/);
  });

  it('pin a key endorsed by a pinned one for this programme, and nothing else', () => {
    const next = testSigningKey();
    const pinned = validPins([pinOf(key.keyId, key.publicKey)]);
    const request = keyPinRequest('p-1', next, key);
    expect(keyPinRefusal(pinned, 'p-1', request)).toBeUndefined();
    expect(keyPinRefusal(pinned, 'p-2', request)?.code).toBe('KEY_PIN_ENDORSEMENT_INVALID');
    expect(keyPinRefusal(undefined, 'p-1', request)?.code).toBe('KEY_PIN_LEDGER_UNPINNED');
    expect(keyPinRefusal(pinned, 'p-1', keyPinRequest('p-1', next, next))?.code).toBe(
      'KEY_PIN_ENDORSER_NOT_PINNED',
    );
    expect(
      keyPinRefusal(pinned, 'p-1', { ...request, key: { ...request.key, keyId: key.keyId } })?.code,
    ).toBe('KEY_PIN_MALFORMED');
    expect(keyPinRefusal(pinned, 'p-1', null as never)?.code).toBe('KEY_PIN_MALFORMED');
  });

  it('name the workflow type callers start it by', () => {
    expect(checkpointLedgerWorkflow.name).toBe(checkpointLedgerWorkflowType);
  });
});
