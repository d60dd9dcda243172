import { zipSync } from 'fflate';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { saveFile } from '../../components/save-file';

export interface JobFile {
  readonly name: string;
}

async function fetchJobFile(jobId: string, name: string): Promise<Blob> {
  return unwrap(
    api.GET('/api/audit/jobs/{jobId}/files/{name}', {
      params: { path: { jobId, name } },
      parseAs: 'blob',
    }),
  );
}

/** One file of a job, saved under its last path segment (a browser saves no directories). */
export async function downloadJobFile(jobId: string, file: JobFile): Promise<void> {
  saveFile(file.name.split('/').pop() ?? file.name, await fetchJobFile(jobId, file.name));
}

/**
 * Every file of the job in one zip, under the paths the job lists (`keys/…` in its folder): unpacked,
 * it is the directory `npm run audit -- verify --bundle <dir>` checks offline. Zipped in the page, so
 * the API serves each file as written and its `Repr-Digest` still names what the worker wrote.
 */
export async function downloadJobBundle(jobId: string, files: readonly JobFile[]): Promise<void> {
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) {
    entries[file.name] = new Uint8Array(await (await fetchJobFile(jobId, file.name)).arrayBuffer());
  }
  const zipped = zipSync(entries);
  saveFile(`audit-bundle-${jobId.slice(0, 8)}.zip`, new Blob([zipped], { type: 'application/zip' }));
}
