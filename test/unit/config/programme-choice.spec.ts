import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { rehearsalOf } from '../../../domain/policy/rehearsal-calendar';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { loadConfig } from '../../../infra/config/app-config';
import {
  chooseProgramme,
  foreseeProgramme,
  newProgrammeRecord,
} from '../../../infra/config/programme-choice';
import { ProgrammeChoiceError } from '../../../infra/config/programme-choice.errors';
import {
  readProgrammeRecord,
  recordFirstProgramme,
  replaceProgrammeRecord,
} from '../../../infra/config/programme-record';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { policyPackAdopted } from '../../../infra/policy-packs/policy-pack-log';

/** Noon in Shanghai on a day, as the machine's clock would say it. */
const day = (date: string) => () => new Date(`${date}T12:00:00+08:00`);

function installation(env: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'towns-programme-'));
  const fullEnv = { DATA_DIR: dataDir, ...env };
  return { dataDir, env: fullEnv, config: loadConfig(fullEnv) };
}

async function refusal(promise: Promise<unknown>): Promise<ProgrammeChoiceError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ProgrammeChoiceError);
  return error as ProgrammeChoiceError;
}

/** A store holding one programme started under `pack`, as a start records it: its pack, then ProgrammeStarted. */
function storeHolding(pack: PolicyPack): Pick<EventStore, 'readAll'> {
  const now = '2026-12-08T01:00:00.000Z';
  const adopted = policyPackAdopted(pack, { now, correlationId: `programme-start:${pack.id}` });
  const events = [
    { ...adopted, stream: `policy-${pack.id}`, streamVersion: 0, globalPosition: 1n, recordedAt: now },
    {
      id: '00000000-0000-4000-8000-000000000002',
      type: 'ProgrammeStarted',
      data: { programmeId: pack.id },
      metadata: { ...adopted.metadata, policy: { id: pack.id, version: pack.version } },
      occurredAt: now,
      stream: `programme-${pack.id}`,
      streamVersion: 0,
      globalPosition: 2n,
      recordedAt: now,
    },
  ] satisfies RecordedEvent[];
  return {
    readAll: ({ after = 0n } = {}) =>
      Promise.resolve(events.filter((event) => event.globalPosition > after) as never),
  };
}

describe('which programme an installation runs', () => {
  it('keeps the programme of the first start and runs it again on any later day', async () => {
    const { config, env, dataDir } = installation();
    const first = await chooseProgramme({ config, env, mayChooseNew: true, now: day('2027-03-01') });
    expect(first.how).toBe('chosen-now');
    expect(first.record.programmeId).toBe('pingxiang-2017-rehearsal-2027-03-01');
    expect(first.file).toBe(join(dataDir, 'programme.json'));

    const nextDay = await chooseProgramme({ config, env, mayChooseNew: true, now: day('2027-03-02') });
    expect(nextDay.how).toBe('recorded');
    expect(nextDay.record.programmeId).toBe('pingxiang-2017-rehearsal-2027-03-01');
    expect(nextDay.record.policy.version).toBe(first.record.policy.version);
    // A process that may not choose (the checkpointer, the audit CLI) finds the same one.
    const tool = await chooseProgramme({ config, env, mayChooseNew: false, now: day('2028-01-01') });
    expect(tool.record.programmeId).toBe(first.record.programmeId);
  });

  it('takes POLICY* settings that agree with the record, and refuses those that would make another programme', async () => {
    const { config, dataDir } = installation();
    await chooseProgramme({ config, env: {}, mayChooseNew: true, now: day('2027-03-01') });
    // Saying again what was chosen is fine, even on another day: unset settings are the record's.
    for (const env of [{ POLICY: 'pingxiang-2017' }, { POLICY_REHEARSAL_OPENS_ON: '2027-03-01' }]) {
      const again = await chooseProgramme({
        config: loadConfig({ ...env, DATA_DIR: dataDir }),
        env,
        mayChooseNew: true,
        now: day('2027-06-01'),
      });
      expect(again.record.programmeId).toBe('pingxiang-2017-rehearsal-2027-03-01');
    }
    for (const env of [
      { POLICY_REHEARSAL_OPENS_ON: '2027-03-02' },
      { POLICY_CALENDAR: 'as-written' },
      { POLICY: 'jiangxi-style-observation' },
    ]) {
      const error = await refusal(
        chooseProgramme({
          config: loadConfig({ ...env, DATA_DIR: dataDir }),
          env,
          mayChooseNew: true,
          now: day('2027-06-01'),
        }),
      );
      expect(error.code).toBe('PROGRAMME_MISMATCH');
      expect(error.messageEn).toMatch(
        /runs programme pingxiang-2017-rehearsal-2027-03-01.*npm run programme -- new/,
      );
    }
  });

  it('treats the programme its event store holds as recorded: POLICY* describing another is refused', async () => {
    const held = rehearsalOf(pingxiang2017, '2026-12-08');
    const asWritten = storeHolding(pingxiang2017);
    const cases: [store: Pick<EventStore, 'readAll'>, env: NodeJS.ProcessEnv, refused: boolean][] = [
      [storeHolding(held), { POLICY_REHEARSAL_OPENS_ON: '2027-03-01' }, true],
      [storeHolding(held), { POLICY_CALENDAR: 'as-written' }, true],
      [storeHolding(held), { POLICY_REHEARSAL_OPENS_ON: '2026-12-08' }, false],
      // Its settings are read off its pack, so naming its pack alone agrees, whatever its calendar.
      [storeHolding(held), { POLICY: 'pingxiang-2017' }, false],
      [asWritten, { POLICY: 'pingxiang-2017' }, false],
      [asWritten, { POLICY_REHEARSAL_OPENS_ON: '2027-03-01' }, true],
    ];
    for (const [store, env, refused] of cases) {
      const { config } = installation(env);
      const choosing = chooseProgramme({ config, env, store, mayChooseNew: true, now: day('2027-06-01') });
      if (refused) {
        const error = await refusal(choosing);
        expect({ env, code: error.code }).toEqual({ env, code: 'PROGRAMME_MISMATCH' });
        expect(error.messageEn).toMatch(
          /runs programme pingxiang-2017(-rehearsal-2026-12-08)? \(found in the event store\)/,
        );
        expect(readProgrammeRecord(config.programmeFile)).toBeUndefined();
      } else {
        await expect(choosing).resolves.toMatchObject({ how: 'found-in-event-store' });
        expect(readProgrammeRecord(config.programmeFile)?.chosenBy).toBe('found-in-event-store');
      }
    }
  });

  it('foresees what the next start runs without recording it', async () => {
    const held = rehearsalOf(pingxiang2017, '2026-12-08');
    const { config, env, dataDir } = installation();
    const found = await foreseeProgramme({ config, env, store: storeHolding(held), mayChooseNew: true });
    expect(found).toMatchObject({ how: 'found-in-event-store', record: { programmeId: held.id } });
    const chosen = await foreseeProgramme({ config, env, mayChooseNew: true, now: day('2027-03-01') });
    expect(chosen).toMatchObject({
      how: 'chosen-now',
      record: { programmeId: 'pingxiang-2017-rehearsal-2027-03-01' },
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a rehearsal day given with the calendar as written, rather than dropping it', () => {
    expect(() =>
      loadConfig({ POLICY_CALENDAR: 'as-written', POLICY_REHEARSAL_OPENS_ON: '2027-03-01' }),
    ).toThrow(expect.objectContaining({ code: 'SETTINGS_CONFLICT' }));
  });

  it('lets only the processes that start programmes choose one that opens today', async () => {
    const { config, env } = installation();
    const error = await refusal(chooseProgramme({ config, env, mayChooseNew: false }));
    expect(error.code).toBe('PROGRAMME_NOT_CHOSEN');
    expect(readProgrammeRecord(config.programmeFile)).toBeUndefined();
    // Settings that name the programme outright need no record, and make none.
    for (const named of [{ POLICY_CALENDAR: 'as-written' }, { POLICY_REHEARSAL_OPENS_ON: '2027-03-01' }]) {
      const tool = installation(named);
      const choice = await chooseProgramme({ config: tool.config, env: tool.env, mayChooseNew: false });
      expect(choice.how).toBe('configured');
      expect(choice.record.programmeId).toBe(
        named.POLICY_CALENDAR ? 'pingxiang-2017' : 'pingxiang-2017-rehearsal-2027-03-01',
      );
      expect(readProgrammeRecord(tool.config.programmeFile)).toBeUndefined();
    }
  });

  it('keeps the record another process wrote first', () => {
    const { config } = installation();
    const theirs = newProgrammeRecord(config.policy, day('2027-03-01')(), 'first-start');
    const mine = newProgrammeRecord(config.policy, day('2027-03-02')(), 'first-start');
    expect(recordFirstProgramme(config.programmeFile, theirs).programmeId).toBe(theirs.programmeId);
    expect(recordFirstProgramme(config.programmeFile, mine).programmeId).toBe(theirs.programmeId);
  });

  it('replaces the record only when told, keeping the one replaced beside it', () => {
    const { config, dataDir } = installation();
    const first = newProgrammeRecord(config.policy, day('2027-03-01')(), 'first-start');
    recordFirstProgramme(config.programmeFile, first);
    const second = newProgrammeRecord(config.policy, day('2028-03-01')(), 'programme-new');
    const { keptAs } = replaceProgrammeRecord(config.programmeFile, second);
    expect(keptAs).toBe(join(dataDir, `programme.${first.programmeId}.json`));
    expect(readProgrammeRecord(config.programmeFile)?.programmeId).toBe(second.programmeId);
    expect(readProgrammeRecord(keptAs ?? '')?.programmeId).toBe(first.programmeId);
    expect(readdirSync(dataDir).sort()).toEqual(['programme.json', `programme.${first.programmeId}.json`]);
  });

  it('refuses a record that is not one, or whose pack was altered under its version', () => {
    const { config } = installation();
    writeFileSync(config.programmeFile, '{"programmeId": 1}');
    expect(() => readProgrammeRecord(config.programmeFile)).toThrow(
      expect.objectContaining({ code: 'PROGRAMME_RECORD_INVALID' }),
    );
    recordFirstProgramme(
      `${config.programmeFile}.ok`,
      newProgrammeRecord(config.policy, day('2027-03-01')(), 'first-start'),
    );
    const record = JSON.parse(readFileSync(`${config.programmeFile}.ok`, 'utf8')) as {
      policy: { title: { en: string } };
    };
    record.policy.title.en = 'Another programme under the same version';
    writeFileSync(config.programmeFile, JSON.stringify(record));
    expect(() => readProgrammeRecord(config.programmeFile)).toThrow(
      expect.objectContaining({ code: 'PROGRAMME_RECORD_INVALID' }),
    );
  });

  it('is found at PROGRAMME_FILE when that is set', () => {
    const { config } = installation({ PROGRAMME_FILE: '/srv/towns/programme.json' });
    expect(config.programmeFile).toBe('/srv/towns/programme.json');
  });
});
