/**
 * Where a job keeps its files: `<jobsDir>/<jobId>/`, written by the worker and served by the API, so
 * both must see the same directory (one machine, or a shared volume).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { bigintAsDecimal } from '../audit/shared/audit-json';
import { type AuditJobFile, reportFileName } from './audit-jobs.types';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function jobDirectory(jobsDir: string, jobId: string): string {
  // The id becomes a path: only a UUID can never climb out of the jobs directory.
  if (!uuid.test(jobId)) throw new Error(`Not a job id: ${jobId}`);
  return resolve(jobsDir, jobId);
}

/** A listed file's path on disk, or undefined for a name that would leave the job's directory. */
export function jobFilePath(directory: string, name: string): string | undefined {
  const path = resolve(directory, name);
  return path.startsWith(`${directory}${sep}`) ? path : undefined;
}

/** Empty, whatever an earlier attempt of the same job left there. */
export function freshJobDirectory(directory: string): void {
  removeJobDirectory(directory);
  mkdirSync(directory, { recursive: true });
}

/** Gone with everything in it; already gone is fine (a retried removal). */
export function removeJobDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}

/** Writes the full report and returns its JSON text. */
export function writeReport(directory: string, report: unknown): string {
  const text = `${JSON.stringify(report, bigintAsDecimal, 2)}\n`;
  writeFileSync(join(directory, reportFileName), text);
  return text;
}

/** Every file under the job's directory, in name order, with its size and SHA-256. */
export function listJobFiles(directory: string): AuditJobFile[] {
  const files: AuditJobFile[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        visit(path);
      } else if (entry.isFile()) {
        files.push({
          name: relative(directory, path).split(sep).join('/'),
          bytes: statSync(path).size,
          sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
        });
      }
    }
  };
  visit(directory);
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
