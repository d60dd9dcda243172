/**
 * `npm run programme -- <show | new | use <programmeId>>`: which programme this installation runs. Every
 * start runs the programme kept in the data directory (infra/config/programme-record.ts); this is the one
 * door to another: `new` chooses one from the POLICY* settings, `use` takes one the event store already
 * holds. Either takes effect at the next start. Exit 0 on success, 1 when refused, 2 for a bad command line.
 * A command refused changes nothing in the data directory.
 */
import { dirname } from 'node:path';
import { loadConfig, type AppConfig } from '../../infra/config/app-config';
import { foreseeProgramme, newProgrammeRecord } from '../../infra/config/programme-choice';
import { ProgrammeChoiceError } from '../../infra/config/programme-choice.errors';
import {
  readProgrammeRecord,
  replaceProgrammeRecord,
  type ProgrammeRecord,
} from '../../infra/config/programme-record';
import { programmesInStore } from '../../infra/config/programmes-in-store';
import { asUsageError, describeUsageError, parseCommandLine, UsageError } from '../cli-usage';
import { describeStartupFailure } from '../startup-failure';
import { isTrainingDirectory } from '../training-directory';
import { withExistingStore } from './existing-store';

const USAGE = `Usage: npm run programme -- <command>

  show                 the programme this installation runs, and where it is kept; without a record,
                       what the next start will run
  new                  choose a new programme from POLICY, POLICY_FILE, POLICY_CALENDAR and
                       POLICY_REHEARSAL_OPENS_ON (a rehearsal opens today unless told); the next start runs it
  use <programmeId>    run a programme the event store already holds (with the system stopped when the
                       store is the embedded one)

The record is PROGRAMME_FILE (default $DATA_DIR/programme.json); the one replaced is kept beside it as
programme.<its id>.json. A programme replaced keeps its workflows in Temporal; nothing is deleted.
A training data directory (npm run start:training) is refused: training chooses its programme anew at
every start.
`;

type Command = { readonly name: 'show' | 'new' } | { readonly name: 'use'; readonly programmeId: string };

/** The command the words ask for, refused as a usage error before any setting is read. */
function readCommand(words: readonly string[]): Command {
  const [name, ...rest] = words;
  if (name === undefined) throw new UsageError('COMMAND_REQUIRED', 'A command is needed');
  if (name !== 'show' && name !== 'new' && name !== 'use')
    throw new UsageError('COMMAND_UNKNOWN', `Unknown command "${name}"`);
  const unexpected = rest.slice(name === 'use' ? 1 : 0);
  if (unexpected.length > 0)
    throw new UsageError('ARGUMENT_UNEXPECTED', `${name} takes no more words: ${unexpected.join(' ')}`);
  if (name !== 'use') return { name };
  const [programmeId] = rest;
  if (programmeId === undefined) throw new UsageError('ARGUMENT_REQUIRED', 'use needs a programme id');
  return { name, programmeId };
}

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseCommandLine({
    args: [...argv],
    options: { help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const command = readCommand(positionals);
  const config = loadConfig();
  refuseTrainingDirectory(config);
  const current = readProgrammeRecord(config.programmeFile);
  if (command.name === 'use') return use(config, command.programmeId, current);
  if (command.name === 'show') return show(config, current !== undefined);
  const chosen = newProgrammeRecord(config.policy, new Date(), 'programme-new');
  if (current?.programmeId === chosen.programmeId) {
    throw new ProgrammeChoiceError('PROGRAMME_ALREADY_CHOSEN', {
      en: `${chosen.programmeId} is the programme already kept: set POLICY_REHEARSAL_OPENS_ON or POLICY to choose another.`,
      zh: `${chosen.programmeId} 已是当前方案：请设置 POLICY_REHEARSAL_OPENS_ON 或 POLICY 以选择另一方案。`,
    });
  }
  return record(config.programmeFile, chosen, current);
}

async function use(
  config: AppConfig,
  programmeId: string,
  current: ProgrammeRecord | undefined,
): Promise<number> {
  if (current?.programmeId === programmeId) {
    // Already so: nothing to replace, and no copy of the record kept beside itself.
    console.log(`${programmeId} already runs here (${config.programmeFile}): nothing changed.`);
    return 0;
  }
  return record(config.programmeFile, await fromStore(config, programmeId), current);
}

/**
 * Training deletes its record at every start and chooses anew, so a programme chosen here would never
 * run, and a store opened here would be one training never reads.
 */
function refuseTrainingDirectory(config: AppConfig): void {
  const training = [config.dataDir, dirname(config.programmeFile)].find(isTrainingDirectory);
  if (training === undefined) return;
  throw new ProgrammeChoiceError('PROGRAMME_IN_TRAINING', {
    en: `${training} is a training data directory (npm run start:training): training chooses its programme anew at every start, and its banner names it. Nothing was changed.`,
    zh: `${training} 是演练数据目录（npm run start:training）：演练每次启动都会重新选定方案，启动信息中会显示方案编号。未作任何更改。`,
  });
}

/** What the next start will run: the record, or without one, what the start would find or choose. */
async function show(config: AppConfig, recorded: boolean): Promise<number> {
  const file = config.programmeFile;
  // With a record the store is not asked, so show runs beside a start holding the embedded store.
  const choice = await (recorded
    ? foreseeProgramme({ config, mayChooseNew: true })
    : withExistingStore(config.eventStore, (store) =>
        foreseeProgramme({ config, mayChooseNew: true, ...(store === undefined ? {} : { store }) }),
      ));
  const { programmeId } = choice.record;
  if (choice.how === 'found-in-event-store') {
    console.log(
      `No programme recorded in ${file} yet: the next start runs ${programmeId}, found in the event store, and records it.`,
    );
  } else if (choice.how === 'chosen-now') {
    console.log(`No programme recorded in ${file} yet: the next start chooses ${programmeId}.`);
  } else {
    console.log(describe(choice.record, file));
  }
  return 0;
}

async function fromStore(config: AppConfig, programmeId: string): Promise<ProgrammeRecord> {
  const found = await withExistingStore(config.eventStore, async (store) =>
    store === undefined
      ? undefined
      : (await programmesInStore(store)).find((programme) => programme.programmeId === programmeId),
  );
  // A store from before packs were recorded: the settings may name the pack, if its version matches.
  const configured = newProgrammeRecord(config.policy, new Date(), 'programme-use');
  const policy =
    found?.policy ?? (configured.policy.version === found?.policyVersion ? configured.policy : undefined);
  if (found === undefined || policy === undefined) {
    throw new ProgrammeChoiceError('PROGRAMME_UNKNOWN', {
      en: `The event store holds no programme ${programmeId}${found ? ' with a pack this installation can find' : ''}.`,
      zh: `事件库中没有方案 ${programmeId}${found ? '（或找不到其政策包）' : ''}。`,
    });
  }
  return { programmeId, policy, chosenAt: new Date().toISOString(), chosenBy: 'programme-use' };
}

function record(file: string, chosen: ProgrammeRecord, previous: ProgrammeRecord | undefined): number {
  const { keptAs } = replaceProgrammeRecord(file, chosen);
  console.log(describe(chosen, file));
  if (previous !== undefined) {
    console.log(
      `It replaces ${previous.programmeId} (its record kept as ${keptAs ?? file}), whose workflows stay in ` +
        'Temporal as they are. Restart the system to run the new programme.',
    );
  }
  return 0;
}

function describe(record: ProgrammeRecord, file: string): string {
  const { policy } = record;
  return [
    `Programme ${record.programmeId}: ${policy.title.en} / ${policy.title.zh}`,
    `  pack ${policy.id}, version ${policy.version}`,
    ...policy.batches.map(
      (batch) =>
        `  batch ${batch.id}: applications ${batch.applicationOpensOn} – ${batch.applicationClosesOn}`,
    ),
    `  chosen ${record.chosenAt} (${record.chosenBy}), kept in ${file}`,
  ].join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usageError = asUsageError(error);
    if (usageError) {
      process.stderr.write(describeUsageError(usageError, USAGE));
      process.exitCode = 2;
      return;
    }
    console.error(describeStartupFailure(error));
    process.exitCode = 1;
  },
);
