/**
 * `npm run programme -- <show | new | use <programmeId>>`: which programme this installation runs. Every
 * start runs the programme kept in the data directory (infra/config/programme-record.ts); this is the one
 * door to another: `new` chooses one from the POLICY* settings, `use` takes one the event store already
 * holds. Either takes effect at the next start. Exit 0 on success, 1 when refused, 2 for a bad command line.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../infra/config/app-config';
import { newProgrammeRecord } from '../../infra/config/programme-choice';
import { ProgrammeChoiceError } from '../../infra/config/programme-choice.errors';
import {
  readProgrammeRecord,
  replaceProgrammeRecord,
  type ProgrammeRecord,
} from '../../infra/config/programme-record';
import { programmesInStore } from '../../infra/config/programmes-in-store';
import { createEventStore } from '../../infra/event-store/create-event-store';
import { asUsageError, describeUsageError, UsageError } from '../cli-usage';
import { describeStartupFailure } from '../startup-failure';

const USAGE = `Usage: npm run programme -- <command>

  show                 the programme this installation runs, and where it is kept
  new                  choose a new programme from POLICY, POLICY_FILE, POLICY_CALENDAR and
                       POLICY_REHEARSAL_OPENS_ON (a rehearsal opens today unless told); the next start runs it
  use <programmeId>    run a programme the event store already holds (with the system stopped when the
                       store is the embedded one)

The record is PROGRAMME_FILE (default $DATA_DIR/programme.json); the one replaced is kept beside it as
programme.<its id>.json. A programme replaced keeps its workflows in Temporal; nothing is deleted.
`;

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    options: { help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command = 'show', ...rest] = positionals;
  const unexpected = rest.slice(command === 'use' ? 1 : 0);
  if (unexpected.length > 0)
    throw new UsageError('ARGUMENT_UNEXPECTED', `${command} takes no more words: ${unexpected.join(' ')}`);
  const config = loadConfig();
  const current = readProgrammeRecord(config.programmeFile);
  switch (command) {
    case 'show':
      console.log(
        current === undefined
          ? `No programme recorded in ${config.programmeFile} yet: the next start chooses ${newProgrammeRecord(config.policy, new Date(), 'first-start').programmeId}.`
          : describe(current, config.programmeFile),
      );
      return 0;
    case 'new': {
      const chosen = newProgrammeRecord(config.policy, new Date(), 'programme-new');
      if (current?.programmeId === chosen.programmeId) {
        throw new ProgrammeChoiceError('PROGRAMME_ALREADY_CHOSEN', {
          en: `${chosen.programmeId} is the programme already kept: set POLICY_REHEARSAL_OPENS_ON or POLICY to choose another.`,
          zh: `${chosen.programmeId} 已是当前方案：请设置 POLICY_REHEARSAL_OPENS_ON 或 POLICY 以选择另一方案。`,
        });
      }
      return record(config.programmeFile, chosen, current);
    }
    case 'use': {
      const [programmeId] = rest;
      if (programmeId === undefined) throw new UsageError('ARGUMENT_REQUIRED', 'use needs a programme id');
      return record(config.programmeFile, await fromStore(config, programmeId), current);
    }
    default:
      throw new UsageError('COMMAND_UNKNOWN', `Unknown command "${command}"`);
  }
}

async function fromStore(
  config: ReturnType<typeof loadConfig>,
  programmeId: string,
): Promise<ProgrammeRecord> {
  const store = await createEventStore(config.eventStore);
  try {
    const found = (await programmesInStore(store)).find((programme) => programme.programmeId === programmeId);
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
  } finally {
    await store.close();
  }
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
