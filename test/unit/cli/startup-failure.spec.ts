import { describeStartupFailure } from '../../../apps/startup-failure';
import { ConfigError } from '../../../infra/config/app-config';
import { EventStoreLockedError } from '../../../infra/event-store/event-store.errors';

describe('what a process prints when it cannot start', () => {
  it('prints an anticipated failure as [CODE] and its message, without a stack', () => {
    const locked = describeStartupFailure(new EventStoreLockedError('/srv/towns/event-store', 4242));
    expect(locked).toMatch(/^\[EVENT_STORE_LOCKED\] The embedded event store at \/srv\/towns\/event-store/);
    expect(locked).not.toMatch(/\n\s+at /);
  });

  it('prints a refused setting with its code, naming the variable', () => {
    expect(describeStartupFailure(new ConfigError(['PORT="x": expected a number']))).toBe(
      '[SETTING_INVALID] PORT="x": expected a number',
    );
    expect(describeStartupFailure(new ConfigError(['A: one', 'B: two'], 'SETTINGS_CONFLICT'))).toBe(
      '[SETTINGS_CONFLICT] Settings refused:\n  A: one\n  B: two',
    );
  });

  it('prints the stack of anything else: a bug', () => {
    expect(describeStartupFailure(new TypeError('x is undefined'))).toMatch(
      /^TypeError: x is undefined\n\s+at /,
    );
  });
});
