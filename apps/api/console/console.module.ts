import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/** Where `npm run console:build` puts the console (apps/console/dist). */
export const consoleDistDir = resolve(__dirname, '..', '..', 'console', 'dist');

/**
 * Hashed assets never change under their name, so browsers keep them for a year; everything else
 * (index.html above all) is revalidated on every load, so a new build is seen at once.
 */
export function consoleCacheHeaders(response: ServerResponse, path: string): void {
  const hashedAsset = path.includes(`${sep}assets${sep}`);
  response.setHeader('Cache-Control', hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the built web console from the API's own origin: files under `/`, and index.html for every
 * other path outside `/api` (the console's client routes). Not registered when no build exists, so the
 * API runs without it (the first `npm start` builds it).
 */
@Module({})
export class ConsoleModule {
  static register(dir: string = consoleDistDir): DynamicModule {
    if (!existsSync(join(dir, 'index.html'))) return { module: ConsoleModule };
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: dir,
          exclude: ['/api', '/api/{*path}'],
          serveStaticOptions: { index: ['index.html'], setHeaders: consoleCacheHeaders, fallthrough: true },
        }),
      ],
    };
  }
}
