import { isAbsolute, join, relative } from 'node:path';
import { loadAuthConfig, type AuthConfig } from '../../infra/auth/auth-config';
import { loadConfig, type AppConfig } from '../../infra/config/app-config';

/**
 * `npm run token …` as a person must type it to mint a token the running system accepts: prefixed with
 * each setting the token command reads that this process has otherwise than the command's own default.
 * Without them it would read another data directory (training's is data/training, the command's data),
 * sign with another key or for another issuer, and its token would be refused with a 401.
 */
export function tokenCommand(
  args: string,
  running: { readonly config: AppConfig; readonly auth: AuthConfig },
  options: { readonly silent?: boolean } = {},
): string {
  const settings = tokenSettings(running).map(([name, value]) => `${name}=${shellWord(value)} `);
  return `${settings.join('')}npm run ${options.silent ? '-s ' : ''}token -- ${args}`;
}

/** The settings, in the order README's "Configuration" lists them, that differ from the command's defaults. */
function tokenSettings({ config, auth }: { config: AppConfig; auth: AuthConfig }): [string, string][] {
  // What `npm run token` reads when none is set (apps/token/main.ts).
  const defaults = { config: loadConfig({}), auth: loadAuthConfig({}) };
  const settings: [string, string | undefined][] = [
    ['DATA_DIR', config.dataDir === defaults.config.dataDir ? undefined : shownPath(config.dataDir)],
    [
      'PROGRAMME_FILE',
      config.programmeFile === join(config.dataDir, 'programme.json')
        ? undefined
        : shownPath(config.programmeFile),
    ],
    ['AUTH_ISSUER', auth.issuer === defaults.auth.issuer ? undefined : auth.issuer],
    ['AUTH_AUDIENCE', auth.audience === defaults.auth.audience ? undefined : auth.audience],
    ['AUTH_PUBLIC_KEY_FILE', auth.publicKeyFile && shownPath(auth.publicKeyFile)],
    ['AUTH_PRIVATE_KEY_FILE', auth.privateKeyFile && shownPath(auth.privateKeyFile)],
  ];
  return settings.filter((setting): setting is [string, string] => setting[1] !== undefined);
}

/**
 * A path as short as it reads the same: relative to the project, where `npm run` runs every script
 * from whatever directory it is typed in, when it lies inside it.
 */
function shownPath(file: string): string {
  const inProject = relative(process.cwd(), file);
  return inProject !== '' && !inProject.startsWith('..') && !isAbsolute(inProject) ? inProject : file;
}

/** `text` as one word of a POSIX shell command line: as it is when safe, else single-quoted. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
