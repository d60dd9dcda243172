import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../infra/config/app-config';
import { chooseProgramme, newProgrammeRecord } from '../../../infra/config/programme-choice';
import { ProgrammeChoiceError } from '../../../infra/config/programme-choice.errors';
import {
  readProgrammeRecord,
  recordFirstProgramme,
  replaceProgrammeRecord,
} from '../../../infra/config/programme-record';

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
