import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A command line a CLI cannot run as given. Every CLI of the project (`npm run token`, `audit`,
 * `programme`, `simulate`) answers it the same way: `[CODE] what is wrong, naming the option`, then its
 * usage, on standard error, and exit status 2. The codes are stable, for scripts that run the CLIs.
 */
export const usageCodes = [
  /** The CLI needs a command and was given none. */
  'COMMAND_REQUIRED',
  /** The first word is not one of the CLI's commands. */
  'COMMAND_UNKNOWN',
  /** An option the CLI (or the command) does not take. */
  'OPTION_UNKNOWN',
  /** An option the command needs is missing. */
  'OPTION_REQUIRED',
  /** An option's value is malformed, out of range, or names nothing the programme has. */
  'OPTION_INVALID',
  /** An option given twice, where it takes one value: which one was meant is not ours to guess. */
  'OPTION_REPEATED',
  /** Options given together that exclude each other, or one given where it does not apply. */
  'OPTIONS_CONFLICT',
  /** A word the command needs (a programme's id) is missing. */
  'ARGUMENT_REQUIRED',
  /** A word where the command takes none. */
  'ARGUMENT_UNEXPECTED',
] as const;

export type UsageCode = (typeof usageCodes)[number];

export class UsageError extends Error {
  constructor(
    readonly code: UsageCode,
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * node:util's `parseArgs`, refusing an option given more than once (`--role auditor --role
 * administrator`) unless it is `multiple`: parseArgs would let the last one win without a word, and a
 * token, a report or an export would be made for what the caller did not mean. A refusal is a
 * UsageError, and so is any of parseArgs' own (through asUsageError, as ever).
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const { tokens } = parseArgs({ ...config, tokens: true });
  const seen = new Set<string>();
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || config.options?.[token.name]?.multiple === true) continue;
    if (seen.has(token.name))
      throw new UsageError('OPTION_REPEATED', `--${token.name} is given more than once: give it once`);
    seen.add(token.name);
  }
  return parseArgs(config);
}

/** node:util's `parseArgs` throws these for a command line it cannot read. */
const parseArgsCodes: Readonly<Record<string, UsageCode>> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: 'OPTION_UNKNOWN',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'OPTION_INVALID',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: 'ARGUMENT_UNEXPECTED',
};

/** The usage error `error` is, or the one `parseArgs` meant by it; nothing for any other failure. */
export function asUsageError(error: unknown): UsageError | undefined {
  if (error instanceof UsageError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const usageCode = typeof code === 'string' ? parseArgsCodes[code] : undefined;
  return usageCode === undefined ? undefined : new UsageError(usageCode, (error as Error).message);
}

/** What a CLI prints for a usage error: the code, the problem, then how to call it. */
export function describeUsageError(error: UsageError, usage: string): string {
  return `[${error.code}] ${error.message}\n\n${usage.trimEnd()}\n`;
}
