import { parseArgs } from 'node:util';
import { asUsageError, describeUsageError, UsageError } from '../../../apps/cli-usage';

function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
}

const read = (args: string[]) => () =>
  parseArgs({ args, options: { out: { type: 'string' } }, strict: true, allowPositionals: false });

describe('a command line a CLI cannot run', () => {
  it.each([
    [['--colour', 'red'], 'OPTION_UNKNOWN', /--colour/],
    [['--out'], 'OPTION_INVALID', /--out/],
    [['stray'], 'ARGUMENT_UNEXPECTED', /stray/],
  ])('reads parseArgs’ refusal of %j as %s', (args, code, message) => {
    const usageError = asUsageError(thrownBy(read(args)));
    expect(usageError?.code).toBe(code);
    expect(usageError?.message).toMatch(message);
  });

  it('is not any other failure', () => {
    expect(asUsageError(new Error('disk full'))).toBeUndefined();
    expect(asUsageError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBeUndefined();
    expect(asUsageError('text')).toBeUndefined();
  });

  it('is printed as its code, the problem, then the usage', () => {
    const error = new UsageError('OPTION_REQUIRED', 'keygen needs --out <directory>');
    expect(asUsageError(error)).toBe(error);
    expect(describeUsageError(error, 'Usage: npm run audit -- <command>\n\n')).toBe(
      '[OPTION_REQUIRED] keygen needs --out <directory>\n\nUsage: npm run audit -- <command>\n',
    );
  });
});
