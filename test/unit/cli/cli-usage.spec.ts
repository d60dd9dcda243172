import { parseArgs } from 'node:util';
import { asUsageError, describeUsageError, parseCommandLine, UsageError } from '../../../apps/cli-usage';
import { readProcessArguments } from '../../../apps/process-arguments';
import { parseCliArgs } from '../../../apps/simulate/cli-options';
import { parseTokenRequest } from '../../../apps/token/token-request';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';

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

describe('an option given twice', () => {
  const options = {
    out: { type: 'string' },
    json: { type: 'boolean', short: 'j' },
    workflow: { type: 'string', multiple: true },
  } as const;
  const parse = (args: string[]) => () => parseCommandLine({ args, options, strict: true });

  it.each([
    [['--out', 'a', '--out', 'b'], /^--out is given more than once/],
    [['--out=a', '--out', 'a'], /^--out /],
    [['--json', '-j'], /^--json /],
  ])('is refused in %j, naming it', (args, message) => {
    const refusal = thrownBy(parse(args));
    expect(refusal).toBeInstanceOf(UsageError);
    expect(refusal).toMatchObject({
      code: 'OPTION_REPEATED',
      message: expect.stringMatching(message) as string,
    });
  });

  it('is taken where the option takes several, and once is taken as ever', () => {
    expect(parse(['--workflow', 'a', '--workflow', 'b', '--out', 'x'])().values).toEqual({
      workflow: ['a', 'b'],
      out: 'x',
    });
    expect(asUsageError(thrownBy(parse(['--nope']))))?.toMatchObject({ code: 'OPTION_UNKNOWN' });
  });

  it('is refused by every CLI that reads its command line', () => {
    const token = parseTokenRequest(['--role', 'auditor', '--role', 'administrator'], pingxiang2017);
    expect(token).toMatchObject({ ok: false, error: { code: 'OPTION_REPEATED' } });
    expect(readProcessArguments(['--training', '--training'], ['training'])).toMatchObject({
      kind: 'refused',
      error: { code: 'OPTION_REPEATED' },
    });
    expect(parseCliArgs(['--seed', '1', '--seed', '2'])).toMatchObject({
      kind: 'invalid',
      error: { code: 'OPTION_REPEATED', message: '--seed is given more than once: give it once' },
    });
  });
});
