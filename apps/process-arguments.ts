import { asUsageError, describeUsageError, parseCommandLine, UsageError } from './cli-usage';
import { describeStartupFailure } from './startup-failure';

/**
 * The long-running processes (`npm start`, `start:api`, `start:worker`, `checkpointer`) are configured by
 * their environment (README, "Configuration"), not by options. A word on their command line is a
 * mistake (`npm start -- --port 8080`) that would otherwise start the system on settings other than
 * those meant, so it is refused like any CLI's usage error (apps/cli-usage.ts), before anything starts.
 */
export type ProcessArguments =
  | { readonly kind: 'run'; readonly flags: ReadonlySet<string> }
  | { readonly kind: 'help' }
  | { readonly kind: 'refused'; readonly error: UsageError };

/** What `args` ask of a process that takes only the boolean options in `flags`, and --help. */
export function readProcessArguments(
  args: readonly string[],
  flags: readonly string[] = [],
): ProcessArguments {
  const options = Object.fromEntries(
    ['help', ...flags].map((flag) => [
      flag,
      { type: 'boolean' as const, ...(flag === 'help' ? { short: 'h' } : {}) },
    ]),
  );
  try {
    const { values } = parseCommandLine({ args: [...args], options, strict: true, allowPositionals: false });
    if (values.help === true) return { kind: 'help' };
    return { kind: 'run', flags: new Set(flags.filter((flag) => values[flag] === true)) };
  } catch (error) {
    const refused = asUsageError(error);
    if (!refused) throw error;
    return {
      kind: 'refused',
      error: new UsageError(
        refused.code,
        `${refused.message}. Settings come from the environment, not options`,
      ),
    };
  }
}

/**
 * Reads this process's own arguments: prints the usage and exits 0 for --help, prints the refusal and
 * the usage and exits 2 for anything else it does not take; otherwise gives the flags set.
 */
export function processArgumentsOrExit(usage: string, flags: readonly string[] = []): ReadonlySet<string> {
  const read = readProcessArguments(process.argv.slice(2), flags);
  if (read.kind === 'run') return read.flags;
  if (read.kind === 'help') {
    process.stdout.write(`${usage.trimEnd()}\n`);
    process.exit(0);
  }
  process.stderr.write(describeUsageError(read.error, usage));
  process.exit(2);
}

/**
 * Reads this process's settings with `read` (process-settings.ts) before it loads the system: a setting
 * refused is printed as `[CODE] message`, naming the variable, and the process exits 2, as for an option
 * it does not take, having started and written nothing. A failure without a code is a bug: its stack,
 * and exit 1.
 */
export async function settingsOrExit<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    process.stderr.write(`${describeStartupFailure(error)}\n`);
    process.exit(typeof (error as { code?: unknown } | undefined)?.code === 'string' ? 2 : 1);
  }
}

/** The usage of a process configured by its environment: what it runs, and where its settings are. */
export function environmentUsage(
  command: string,
  what: string,
  settings: { readonly names: readonly string[]; readonly example: string },
): string {
  return [
    `Usage: ${command}`,
    '',
    what,
    '',
    'Settings come from environment variables (README, "Configuration"), among them',
    `  ${settings.names.join(', ')}`,
    `for example:  ${settings.example} ${command}`,
  ].join('\n');
}
