/**
 * Which programme a process runs. Every process of the system asks here — `npm start`, the API and the
 * worker on their own, the checkpointer, the audit CLI, the token tool — so they all run the same one:
 *
 * 1. the data directory's record (programme-record.ts), whatever day it is;
 * 2. without one, the programme the event store already holds, which is then recorded;
 * 3. without either, and only for the processes that start programmes (`npm start`, the API), a new
 *    programme from the POLICY* settings, which is then recorded; the other processes take the settings
 *    only when they name a programme outright, never one that opens "today".
 *
 * POLICY* settings given explicitly that would make another programme than the one of 1. or 2. are
 * refused, not silently ignored (programme-mismatch.ts). `npm run programme -- show` asks the same
 * questions without recording anything (foreseeProgramme), so that it says what the next start will do.
 */
import { formatLocalDate, localDateOf } from '../../domain/calendar/shanghai-calendar';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { EventStore } from '../event-store/event-store.port';
import type { AppConfig, PolicySource } from './app-config';
import { ProgrammeChoiceError } from './programme-choice.errors';
import { refuseConflictingSettings } from './programme-mismatch';
import { resolveProgrammePolicy } from './programme-policy';
import {
  readProgrammeRecord,
  recordFirstProgramme,
  type ProgrammeChosenBy,
  type ProgrammeRecord,
} from './programme-record';
import { programmesInStore } from './programmes-in-store';

export interface ProgrammeChoice {
  readonly record: ProgrammeRecord;
  /**
   * Where it came from on this start: the record, the store, chosen now; or, for a process that may not
   * choose, settings that name one outright (an as-written calendar or a rehearsal's day), not recorded.
   */
  readonly how: 'recorded' | 'found-in-event-store' | 'chosen-now' | 'configured';
  readonly file: string;
}

export interface ChooseProgrammeOptions {
  readonly config: Pick<AppConfig, 'policy' | 'programmeFile'>;
  /** Consulted when the data directory has no record yet. */
  readonly store?: Pick<EventStore, 'readAll'>;
  /** Only processes that start the programme may choose a new one. */
  readonly mayChooseNew: boolean;
  /** Which POLICY* variables were set explicitly (they must agree with the record). */
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
}

/**
 * What chooseProgramme would run, writing nothing: the same checks and the same refusals. Without a
 * record, a programme found in the store or chosen now is what the start would record.
 */
export async function foreseeProgramme(options: ChooseProgrammeOptions): Promise<ProgrammeChoice> {
  const file = options.config.programmeFile;
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const recorded = readProgrammeRecord(file);
  if (recorded !== undefined) {
    refuseConflictingSettings(recorded, options.config.policy, env, file);
    return { record: recorded, how: 'recorded', file };
  }
  if (options.store !== undefined) {
    const found = await programmesInStore(options.store);
    if (found.length > 1) {
      const ids = found.map((programme) => programme.programmeId).join(', ');
      throw new ProgrammeChoiceError('PROGRAMME_AMBIGUOUS', {
        en: `The event store holds several programmes (${ids}) and ${file} names none. Choose the one to run: npm run programme -- use <programmeId>`,
        zh: `事件库中有多个方案（${ids}），而 ${file} 未指定。请用 npm run programme -- use <方案编号> 指定要运行的方案。`,
      });
    }
    const [only] = found;
    if (only?.policy !== undefined) {
      const record: ProgrammeRecord = {
        programmeId: only.programmeId,
        policy: only.policy,
        chosenAt: now().toISOString(),
        chosenBy: 'found-in-event-store',
      };
      // The store's programme is the installation's as much as a record would be: settings describing
      // another are refused here too, not dropped while the store's runs.
      refuseConflictingSettings(record, options.config.policy, env, 'found in the event store');
      return { record, how: 'found-in-event-store', file };
    }
    if (only !== undefined) {
      throw new ProgrammeChoiceError('PROGRAMME_NOT_CHOSEN', {
        en: `The event store holds programme ${only.programmeId} but not the pack it runs under (version ${only.policyVersion}), and ${file} does not exist. Record it with npm run programme -- use ${only.programmeId}, with POLICY* naming that pack.`,
        zh: `事件库中有方案 ${only.programmeId}，但没有其政策包（版本 ${only.policyVersion}），且 ${file} 不存在。请设置相应的 POLICY* 后运行 npm run programme -- use ${only.programmeId}。`,
      });
    }
  }
  if (!options.mayChooseNew) {
    // Settings that name the programme outright (no "today" in them) are as good as a record.
    const { calendar, rehearsalOpensOn } = options.config.policy;
    if (calendar === 'as-written' || rehearsalOpensOn !== undefined) {
      return {
        record: newProgrammeRecord(options.config.policy, now(), 'first-start'),
        how: 'configured',
        file,
      };
    }
    throw new ProgrammeChoiceError('PROGRAMME_NOT_CHOSEN', {
      en: `No programme is recorded in ${file}: start the system once (npm start, or npm run start:api), or point PROGRAMME_FILE at the record the system keeps.`,
      zh: `${file} 中没有方案记录：请先启动一次系统（npm start 或 npm run start:api），或将 PROGRAMME_FILE 指向系统保存的方案记录。`,
    });
  }
  return {
    record: newProgrammeRecord(options.config.policy, now(), 'first-start'),
    how: 'chosen-now',
    file,
  };
}

export async function chooseProgramme(options: ChooseProgrammeOptions): Promise<ProgrammeChoice> {
  const choice = await foreseeProgramme(options);
  if (choice.how === 'recorded' || choice.how === 'configured') return choice;
  // Another process may have recorded one first (APIs starting together): then that one runs.
  const record = recordFirstProgramme(choice.file, choice.record);
  if (record === choice.record) return choice;
  return { record, how: 'recorded', file: choice.file };
}

/** A programme from the POLICY* settings: the pack (a rehearsal opens on `now`'s day unless told) and its id. */
export function newProgrammeRecord(
  source: PolicySource,
  now: Date,
  chosenBy: ProgrammeChosenBy,
): ProgrammeRecord {
  const rehearsalOpensOn =
    source.calendar === 'rehearsal'
      ? (source.rehearsalOpensOn ?? formatLocalDate(localDateOf(now.toISOString())))
      : undefined;
  const policy = resolveProgrammePolicy({ ...source, rehearsalOpensOn }, now);
  // One programme per pack: a rehearsal pack has an id of its own (its opening day), so it is a programme of its own.
  return {
    programmeId: policy.id,
    policy,
    chosenAt: now.toISOString(),
    chosenBy,
    source: {
      id: source.id,
      calendar: source.calendar,
      ...(source.file === undefined ? {} : { file: source.file }),
      ...(rehearsalOpensOn === undefined ? {} : { rehearsalOpensOn }),
    },
  };
}

/**
 * The POLICY* settings, checked before a process starts anything: the pack they describe can be had, and
 * when `recorded` is asked (every start but training's, which chooses anew), they describe the programme
 * the data directory records, if it records one. chooseProgramme checks the same again when it runs.
 */
export function checkProgrammeSettings(
  config: Pick<AppConfig, 'policy' | 'programmeFile'>,
  options: { readonly env: NodeJS.ProcessEnv; readonly recorded: boolean },
): void {
  resolveProgrammePolicy(config.policy, new Date());
  const recorded = options.recorded ? readProgrammeRecord(config.programmeFile) : undefined;
  if (recorded !== undefined)
    refuseConflictingSettings(recorded, config.policy, options.env, config.programmeFile);
}

/**
 * For tools that only need the programme's rules (the token tool's county names): the record's pack, or
 * before any start, the pack the settings describe.
 */
export function programmePolicyForTools(config: Pick<AppConfig, 'policy' | 'programmeFile'>): PolicyPack {
  return (
    readProgrammeRecord(config.programmeFile)?.policy ?? resolveProgrammePolicy(config.policy, new Date())
  );
}
