import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';

/** Where `npm run console:build` puts the console (apps/console/dist). */
export const consoleDistDir = resolve(__dirname, '..', '..', 'console', 'dist');
const CONSOLE_DIR = Symbol('CONSOLE_DIR');

/** Client routes: every path but the API's own. */
const clientRoute = /^(?!\/api(?:\/|$))/;

/**
 * Hashed assets never change under their name, so browsers keep them for a year; everything else
 * (index.html above all) is revalidated on every load, so a new build is seen at once.
 */
export function consoleCacheHeaders(response: ServerResponse, path: string): void {
  const hashedAsset = path.includes(`${sep}assets${sep}`);
  response.setHeader('Cache-Control', hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the built web console from the API's own origin: its files, and index.html for every other
 * GET outside `/api` (the console's client routes). Registered after the API's routes, so it never
 * shadows one, and leaves errors to the API's own handling. Absent when no build exists: the API runs
 * without it (the first `npm start` builds it).
 */
@Module({})
export class ConsoleModule implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(CONSOLE_DIR) private readonly dir: string,
  ) {}

  static register(dir: string = consoleDistDir): DynamicModule {
    if (!existsSync(join(dir, 'index.html'))) return { module: class NoConsoleModule {} };
    return { module: ConsoleModule, providers: [{ provide: CONSOLE_DIR, useValue: dir }] };
  }

  onModuleInit(): void {
    const adapter = this.host.httpAdapter as ExpressAdapter;
    const index = join(this.dir, 'index.html');
    adapter.useStaticAssets(this.dir, { index: false, fallthrough: true, setHeaders: consoleCacheHeaders });
    adapter.getInstance<Express>().get(clientRoute, (_request: Request, response: Response) => {
      consoleCacheHeaders(response, index);
      response.sendFile(index);
    });
  }
}
