import { tokenCommand } from '../../../apps/token/token-command';
import { loadAuthConfig } from '../../../infra/auth/auth-config';
import { loadConfig } from '../../../infra/config/app-config';

/** The command `npm start`'s banner prints, for a process whose settings are `env`. */
function commandFor(env: NodeJS.ProcessEnv): string {
  return tokenCommand('--role auditor', { config: loadConfig(env), auth: loadAuthConfig(env) });
}

describe('npm run token as the banner prints it', () => {
  it('carries every setting the token command reads that differs from its default, quoted for a shell', () => {
    expect(
      commandFor({
        DATA_DIR: '/srv/towns data',
        PROGRAMME_FILE: '/srv/programme.json',
        AUTH_ISSUER: "city's idp",
        AUTH_AUDIENCE: 'towns-api',
        AUTH_PUBLIC_KEY_FILE: '/etc/towns/public.pem',
        AUTH_PRIVATE_KEY_FILE: '/etc/towns/private.pem',
      }),
    ).toBe(
      "DATA_DIR='/srv/towns data' PROGRAMME_FILE=/srv/programme.json AUTH_ISSUER='city'\\''s idp' " +
        'AUTH_PUBLIC_KEY_FILE=/etc/towns/public.pem AUTH_PRIVATE_KEY_FILE=/etc/towns/private.pem ' +
        'npm run token -- --role auditor',
    );
  });

  it('leaves out the programme record where it is the data directory’s own', () => {
    expect(commandFor({ DATA_DIR: '/srv/towns', PROGRAMME_FILE: '/srv/towns/programme.json' })).toBe(
      'DATA_DIR=/srv/towns npm run token -- --role auditor',
    );
  });

  it('is the plain command on the defaults, and silent when asked', () => {
    expect(commandFor({})).toBe('npm run token -- --role auditor');
    expect(
      tokenCommand('--role auditor', { config: loadConfig({}), auth: loadAuthConfig({}) }, { silent: true }),
    ).toBe('npm run -s token -- --role auditor');
  });
});
