import { ConfigError, type AppConfig } from '../infra/config/app-config';

/**
 * The ports `npm start` binds itself: the API's and, when it runs its own dev server, the server's gRPC
 * and Web UI ports. Two settings naming one port cannot both be served; left to run, the dev server
 * failed to bind its UI with a stack trace, or took the API's port and the API then blamed "another
 * process". Refused with the other settings, before anything starts (decision 0138).
 */
export function checkPortsApart(config: AppConfig, env: NodeJS.ProcessEnv): void {
  if (config.temporal.address) return;
  const ports: [name: string, port: number][] = [
    ['PORT', config.http.port],
    ['TEMPORAL_PORT', config.temporal.devServerPort],
    ['TEMPORAL_UI_PORT', config.temporal.devServerUiPort],
  ];
  const clashes = ports.flatMap(([name, port], index) =>
    ports
      .slice(index + 1)
      .filter(([, other]) => other === port)
      .map(
        ([otherName]) =>
          `${named(name, port, env)} and ${named(otherName, port, env)}: the same port, which only ` +
          'one server can listen on; set one of them to another port',
      ),
  );
  if (clashes.length > 0) throw new ConfigError(clashes, 'SETTINGS_CONFLICT');
}

/** The setting as given (`PORT="7400"`), or its default when it was not (`TEMPORAL_PORT (unset: 7233)`). */
function named(name: string, port: number, env: NodeJS.ProcessEnv): string {
  const given = env[name];
  return given ? `${name}=${JSON.stringify(given)}` : `${name} (unset: ${port})`;
}
