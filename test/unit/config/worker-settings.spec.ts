import { ConfigError } from '../../../infra/config/app-config';
import { defaultWorkerSettings, loadWorkerSettings } from '../../../infra/config/worker-settings';

describe('worker settings', () => {
  it('keeps 500 workflows cached and lets tasks finish for 10 s at shutdown by default', () => {
    expect(loadWorkerSettings({})).toEqual({ maxCachedWorkflows: 500, shutdownGraceMs: 10_000 });
    expect(defaultWorkerSettings).toEqual(loadWorkerSettings({}));
  });

  it('gives a step being recorded longer than its append may take (8 s) before cancelling it', () => {
    expect(loadWorkerSettings({}).shutdownGraceMs).toBeGreaterThan(8_000);
  });

  it('reads both from the environment', () => {
    expect(
      loadWorkerSettings({ WORKER_MAX_CACHED_WORKFLOWS: '2000', WORKER_SHUTDOWN_GRACE_MS: '25000' }),
    ).toEqual({ maxCachedWorkflows: 2000, shutdownGraceMs: 25_000 });
  });

  it('takes 0 as "no cache" and "no grace"', () => {
    expect(loadWorkerSettings({ WORKER_MAX_CACHED_WORKFLOWS: '0', WORKER_SHUTDOWN_GRACE_MS: '0' })).toEqual({
      maxCachedWorkflows: 0,
      shutdownGraceMs: 0,
    });
  });

  it.each([
    ['WORKER_MAX_CACHED_WORKFLOWS', '1'],
    ['WORKER_MAX_CACHED_WORKFLOWS', '-5'],
    ['WORKER_MAX_CACHED_WORKFLOWS', 'lots'],
    ['WORKER_MAX_CACHED_WORKFLOWS', '2.5'],
    ['WORKER_SHUTDOWN_GRACE_MS', '-1'],
    ['WORKER_SHUTDOWN_GRACE_MS', '10s'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    const refusal = (() => {
      try {
        loadWorkerSettings({ [name]: value });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).issues.join('\n')).toContain(name);
  });
});
