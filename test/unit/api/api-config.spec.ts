import { ExpressAdapter } from '@nestjs/platform-express';
import { loadApiSettings } from '../../../apps/api/api-config';

/** Whether express itself takes `value` as its `trust proxy` setting, as the API sets it. */
function expressTakes(value: boolean | number | string): boolean {
  try {
    new ExpressAdapter().set('trust proxy', value);
    return true;
  } catch {
    return false;
  }
}

describe('the API’s settings', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['loopback', 'loopback'],
    ['10.0.0.1', '10.0.0.1'],
    ['loopback, 10.0.0.0/8, fd00::/8', 'loopback, 10.0.0.0/8, fd00::/8'],
    ['10.0.0.0/255.0.0.0', '10.0.0.0/255.0.0.0'],
    ['linklocal,uniquelocal,::1/128', 'linklocal,uniquelocal,::1/128'],
  ])('takes TRUST_PROXY=%s as express does', (value, setting) => {
    const { trustProxy } = loadApiSettings({ TRUST_PROXY: value });
    expect(trustProxy).toEqual(setting);
    expect(expressTakes(setting)).toBe(true);
  });

  it.each([
    ['weird'],
    ['Loopback'],
    ['10.0.0.1,'],
    ['10.0.0.0/0'],
    ['10.0.0.0/33'],
    ['::1/129'],
    ['10.0.0.0/255.0.255.0'],
    ['127.1'],
    ['yes'],
  ])('refuses TRUST_PROXY=%s, which express would refuse when the API is built', (value) => {
    expect(() => loadApiSettings({ TRUST_PROXY: value })).toThrow(
      expect.objectContaining({
        code: 'SETTING_INVALID',
        message: expect.stringMatching(/^TRUST_PROXY=".*": expected true, false, a number of hops/) as string,
      }),
    );
    expect(expressTakes(value)).toBe(false);
  });

  it.each([
    ['COMMAND_TIMEOUT_MS', 'abc'],
    ['RATE_LIMIT_COMMANDS', '-1'],
    ['IDEMPOTENCY_TTL_HOURS', '-3'],
    ['CORS_ORIGINS', 'not-a-url'],
  ])('refuses %s=%s, naming the variable and the value', (name, value) => {
    expect(() => loadApiSettings({ [name]: value })).toThrow(
      expect.objectContaining({
        code: 'SETTING_INVALID',
        message: expect.stringContaining(`${name}="${value}": `) as string,
      }),
    );
  });
});
