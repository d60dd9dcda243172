import { policyIds } from '../../domain/policy';
import { UsageError, type UsageCode } from '../cli-usage';

export interface CliOptions {
  readonly policyId: string;
  readonly towns: number;
  readonly seed: number;
  readonly json: boolean;
  readonly workflowBundlePath?: string;
}

export type CliRequest =
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'invalid'; readonly error: UsageError };

export const usage = `Usage: npm run simulate -- [options]

Runs a whole characteristic-town programme with synthetic, seeded official decisions on the
time-skipping Temporal test server (an in-memory event store, nothing kept) and prints a report.

Options:
  --policy <id>            built-in policy pack (${policyIds.join(', ')}); default pingxiang-2017.
                           It runs on a rehearsal calendar opening on 1 March next year.
  --towns <n>              applications the counties submit (1–1000); default 50
  --seed <s>               seed of every synthetic decision (0–4294967295); default 1.
                           The same seed gives the same report.
  --json                   print the report as JSON on stdout, and nothing else
  --workflow-bundle <file> a pre-built workflow bundle (the tests pass theirs); default: bundle now
  --help                   this text

A progress bar is drawn on stderr when stderr is a terminal.`;

const integerIn = (text: string | undefined, min: number, max: number): number | null => {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
};

export function parseCliArgs(argv: readonly string[]): CliRequest {
  let policyId = 'pingxiang-2017';
  let towns = 50;
  let seed = 1;
  let json = false;
  let workflowBundlePath: string | undefined;
  // As every CLI refuses an option given twice (parseCommandLine in ../cli-usage.ts).
  const given = new Set<string>();
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (flag !== undefined && flag.startsWith('--') && given.has(flag))
      return invalid('OPTION_REPEATED', `${flag} is given more than once: give it once`);
    if (flag !== undefined) given.add(flag);
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--json':
        json = true;
        break;
      case '--policy':
        if (value === undefined || !policyIds.includes(value))
          return invalid('OPTION_INVALID', `--policy must be one of ${policyIds.join(', ')}`);
        policyId = value;
        index += 1;
        break;
      case '--towns': {
        const parsed = integerIn(value, 1, 1000);
        if (parsed === null)
          return invalid('OPTION_INVALID', '--towns must be a whole number from 1 to 1000');
        towns = parsed;
        index += 1;
        break;
      }
      case '--seed': {
        const parsed = integerIn(value, 0, 4_294_967_295);
        if (parsed === null)
          return invalid('OPTION_INVALID', '--seed must be a whole number from 0 to 4294967295');
        seed = parsed;
        index += 1;
        break;
      }
      case '--workflow-bundle':
        if (value === undefined) return invalid('OPTION_INVALID', '--workflow-bundle needs a file');
        workflowBundlePath = value;
        index += 1;
        break;
      case undefined:
      default:
        return invalid('OPTION_UNKNOWN', `Unknown option ${flag ?? ''}`);
    }
  }
  return {
    kind: 'run',
    options: { policyId, towns, seed, json, ...(workflowBundlePath ? { workflowBundlePath } : {}) },
  };
}

function invalid(code: UsageCode, message: string): CliRequest {
  return { kind: 'invalid', error: new UsageError(code, message) };
}
