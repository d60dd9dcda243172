import type { BatchCommand } from '../../../domain/batch';
import { pingxiang2017, rehearsalOf } from '../../../domain/policy';
import type { ProgrammeCommand } from '../../../domain/programme';
import { envelope } from '../../../domain/shared/decision';
import type { TownCommand } from '../../../domain/town';
import {
  POLICY_PACK_ADOPTED,
  policyPackAdopted,
  policyPackEventId,
  policyPackStream,
} from '../../../infra/policy-packs/policy-pack-log';
import { pingxiangLog } from './decided-log';
import { commandWithFixedIds } from '../../helpers/given-when-then';

/**
 * `true` when a value of type T is plain JSON all the way down (what a command kept in an event's
 * metadata must be, so that the log gives back exactly what `decide` received); `false` otherwise.
 */
type IsPlainJson<T> = AllTrue<EachPlainJson<T>>;
/** Distributes over unions: `true | false` for a union with one member that is not plain JSON. */
type EachPlainJson<T> = T extends string | number | boolean | null
  ? true
  : T extends (...args: never[]) => unknown
    ? false
    : T extends readonly (infer Item)[]
      ? EachPlainJson<Item>
      : T extends object
        ? AllTrue<{ [K in keyof T]-?: EachPlainJson<Exclude<T[K], undefined>> }[keyof T]>
        : false;
type AllTrue<B> = [B] extends [true] ? true : false;

// Checked by the compiler (npm run typecheck): a command type that stops being plain JSON fails here.
const townCommandsArePlainJson: IsPlainJson<TownCommand> = true;
const batchCommandsArePlainJson: IsPlainJson<BatchCommand> = true;
const programmeCommandsArePlainJson: IsPlainJson<ProgrammeCommand> = true;
// … and the check itself can fail.
const aDateIsNot: IsPlainJson<{ readonly at: Date }> = false;
const aBigintIsNot: IsPlainJson<{ readonly position: bigint }> = false;
const aUnionWithOneFunctionIsNot: IsPlainJson<TownCommand | { type: 'X'; data: () => void }> = false;

describe('commands recorded with their events', () => {
  const ctx = commandWithFixedIds;
  const command = { type: 'RateTown', data: { year: 2018, score: 40, assessment: 'on site' } };

  it("are every aggregate's command types, plain JSON", () => {
    expect([
      townCommandsArePlainJson,
      batchCommandsArePlainJson,
      programmeCommandsArePlainJson,
      aDateIsNot,
      aBigintIsNot,
      aUnionWithOneFunctionIsNot,
    ]).toEqual([true, true, true, false, false, false]);
  });

  it('go on the first event of a step only, as type and data', () => {
    const events = envelope(
      [
        { type: 'TownRated', data: {} },
        { type: 'TownExited', data: {} },
      ],
      { ...ctx, command: { ...command, extra: 'not part of a command' } as typeof command },
    );

    expect(events[0]?.metadata.command).toEqual(command);
    expect(events[1]?.metadata).not.toHaveProperty('command');
    expect(events[1]?.metadata.causationId).toBe(events[0]?.metadata.causationId);
  });

  it('are left out when none is given, as before', () => {
    const [event] = envelope([{ type: 'A', data: {} }], ctx);
    expect(event?.metadata).not.toHaveProperty('command');
  });

  it('come back from the store exactly as decide received them', () => {
    const { steps } = pingxiangLog(pingxiang2017);
    const commands = steps.map((step) => step.events[0]?.metadata.command);

    expect(commands.every((recorded) => recorded !== undefined)).toBe(true);
    expect(JSON.parse(JSON.stringify(commands))).toEqual(commands);
  });
});

describe("a pack's record in the log", () => {
  const rehearsal = rehearsalOf(pingxiang2017, '2030-03-01');

  it('has an id made of its version: a UUID, the same every time, another for another version', () => {
    const id = policyPackEventId(rehearsal.version);

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(policyPackEventId(rehearsal.version)).toBe(id);
    expect(policyPackEventId(pingxiang2017.version)).not.toBe(id);
  });

  it('carries the whole document, in the stream of its pack id', () => {
    const event = policyPackAdopted(rehearsal, { now: '2030-01-01T00:00:00.000Z', correlationId: 'c' });

    expect(policyPackStream(rehearsal.id)).toBe('policy-pingxiang-2017-rehearsal-2030-03-01');
    expect(event).toMatchObject({
      type: POLICY_PACK_ADOPTED,
      data: { pack: rehearsal },
      metadata: { policy: { id: rehearsal.id, version: rehearsal.version }, actor: { seat: 'system' } },
    });
    expect(JSON.parse(JSON.stringify(event.data))).toEqual({ pack: rehearsal });
  });
});
