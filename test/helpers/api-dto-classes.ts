import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const apiDir = join(__dirname, '..', '..', 'apps', 'api');

/**
 * Every class the API's DTO and controller files export (a body without fields is declared beside its
 * route), by name: the names the document gives their schemas.
 */
export async function dtoClasses(dir = apiDir): Promise<Map<string, unknown>> {
  const classes = new Map<string, unknown>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      for (const [className, found] of await dtoClasses(path)) classes.set(className, found);
    } else if (name.endsWith('.dto.ts') || name.endsWith('.controller.ts')) {
      const exports = (await import(path)) as Record<string, unknown>;
      for (const [className, exported] of Object.entries(exports)) {
        if (typeof exported === 'function') classes.set(className, exported);
      }
    }
  }
  return classes;
}
