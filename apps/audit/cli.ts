/**
 * `npm run audit -- <command>`: the auditors' tools over the event store's hash chains
 * (docs/decisions/0020-hash-chain-and-checkpoints.md). Exit status: 0 when all is well, 1 when
 * verification finds a problem or a command fails, 2 for a command line that cannot be run.
 */
import { describeStartupFailure } from '../startup-failure';
import { asUsageError, describeUsageError, UsageError } from '../cli-usage';

const USAGE = `Usage: npm run audit -- <command> [options]

  verify [--bundle <dir>] [--keys <dir>]   check the log (or a bundle, offline) against its hashes and checkpoints
  state --town <id> --at <when>             a town's state as of an instant
  state --programme --at <when>             every town, the funds, ratings and entitlements as of an instant
        [--basis occurred|recorded]         judge events by when they became true (default) or were stored
  export --town <id> --out <dir>            a signed audit bundle of one town
  export --programme --out <dir>            a signed audit bundle of the whole log
  export-csv --out <dir>                    ratings, rewards, exits, recommendations, acceptance as CSV
  checkpoint                                seal everything appended since the last checkpoint
  keygen --out <dir>                        make an Ed25519 key pair for the checkpointer
  pin-key --public-key <file>               pin the next checkpointer key on the running ledger, endorsed
                                            by the key in AUDIT_SIGNING_KEY_FILE
  redecide [--town <id>]                    decide every recorded step again under the pack it names and
                                            check it gives exactly the recorded events
           [--what-if <pack id>]            ... and report which steps a built-in pack would decide otherwise
           [--what-if-file <pack.json>]     ... or a pack from a file
           [--what-if-rehearsal <date>]     ... with its calendar moved to open on that day (a rehearsal)
  replay [--workflow <id>]… [--query <q>]   replay workflow runs' Temporal histories against the current code:
         [--export <dir>]                   all in the namespace, every run of these ids, or those a visibility
                                            query matches; --export also writes each history as JSON

  <when> is YYYY-MM-DD (the end of that day in Shanghai) or an ISO-8601 instant with an offset.
  Every command takes --json for machine-readable output.

The store is the one the system is configured with (EVENT_STORE, EVENT_STORE_DIR, DATABASE_URL, …).
The embedded store (PGlite, the default) admits one process at a time: run these commands while
\`npm start\` is stopped, or against PostgreSQL. \`verify --bundle\` needs no store at all.
\`replay\` reads no store: it asks the configured Temporal (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE), or
without TEMPORAL_ADDRESS the dev server of \`npm start\`, which must then be running.

  AUDIT_CHECKPOINT_DIR     where checkpoints.jsonl is kept (default $DATA_DIR/checkpoints)
  AUDIT_SIGNING_KEY_FILE   the checkpointer's private key (checkpoint, export)
  AUDIT_PUBLIC_KEYS_DIR    trusted public keys, *.public.pem (default $DATA_DIR/audit-keys)
  AUDIT_CHECKPOINT_SINKS   where checkpoints go and are compared: file, temporal (default both; without
                           TEMPORAL_ADDRESS the ledger is looked for on npm start's dev server)
`;

type Command = (args: readonly string[]) => Promise<number>;

/**
 * Each command is loaded only when it is run: `verify --bundle` and `keygen` then load neither the
 * store drivers nor the domain, and start in a fraction of the time.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  verify: async () => (await import('./commands/verify.command')).verifyCommand,
  state: async () => (await import('./commands/state.command')).stateCommand,
  export: async () => (await import('./commands/export.command')).exportCommand,
  'export-csv': async () => (await import('./commands/export-csv.command')).exportCsvCommand,
  checkpoint: async () => (await import('./commands/checkpoint.command')).checkpointCommand,
  keygen: async () => (await import('./commands/keygen.command')).keygenCommand,
  'pin-key': async () => (await import('./commands/pin-key.command')).pinKeyCommand,
  redecide: async () => (await import('./commands/redecide.command')).redecideCommand,
  replay: async () => (await import('./commands/replay.command')).replayCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) throw new UsageError('COMMAND_REQUIRED', 'A command is needed');
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) throw new UsageError('COMMAND_UNKNOWN', `Unknown command "${name}"`);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = await load();
  return command(args);
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
    process.stderr.write(`${describeStartupFailure(error)}\n`);
    process.exitCode = 1;
  },
);
