import { environmentUsage, readProcessArguments } from '../../../apps/process-arguments';

describe('the arguments of a process configured by its environment', () => {
  it('runs with no arguments, and with the flags it takes', () => {
    expect(readProcessArguments([])).toEqual({ kind: 'run', flags: new Set() });
    const training = readProcessArguments(['--training'], ['training']);
    expect(training.kind === 'run' && [...training.flags]).toEqual(['training']);
  });

  it.each([['--help'], ['-h']])('answers %s with its usage', (flag) => {
    expect(readProcessArguments([flag], ['training'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', '8080'], [], 'OPTION_UNKNOWN', /'--port'/],
    [['--training'], [], 'OPTION_UNKNOWN', /'--training'/],
    [['--training=yes'], ['training'], 'OPTION_INVALID', /'--training'/],
    [['8080'], [], 'ARGUMENT_UNEXPECTED', /'8080'/],
  ])('refuses %j (taking %j) as %s, naming it and where settings come from', (args, flags, code, named) => {
    const read = readProcessArguments(args, flags);
    expect(read.kind).toBe('refused');
    if (read.kind !== 'refused') return;
    expect(read.error.code).toBe(code);
    expect(read.error.message).toMatch(named);
    expect(read.error.message).toMatch(/environment/);
  });

  it('names the command, what it runs and an example of a setting', () => {
    const usage = environmentUsage('npm start', 'The whole system.', {
      names: ['PORT', 'DATA_DIR'],
      example: 'PORT=8080',
    });
    expect(usage).toMatch(/^Usage: npm start\n/);
    expect(usage).toContain('The whole system.');
    expect(usage).toContain('PORT, DATA_DIR');
    expect(usage).toContain('PORT=8080 npm start');
  });
});
