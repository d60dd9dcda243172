import { chooseProgramme } from '../../infra/config/programme-choice';
import type { EventStore } from '../../infra/event-store/event-store.port';
import type { WorkerProcessSettings } from '../process-settings';
import type { TownsWorkerOptions } from './create-worker';

/**
 * The worker's options from a process's settings: `npm run start:worker` and `npm start` (which adds
 * training's) make their workers alike, so a setting read for one is never forgotten by the other.
 */
export function townsWorkerOptions(
  settings: Pick<WorkerProcessSettings, 'config' | 'worker' | 'auditJobs'>,
  address: string,
  store: EventStore,
): TownsWorkerOptions {
  const { namespace, taskQueue, security } = settings.config.temporal;
  return {
    address,
    namespace,
    taskQueue,
    security,
    store,
    settings: settings.worker,
    audit: settings.auditJobs.config,
    auditScheduling: settings.auditJobs.scheduling,
    // The programme the data directory records, found as the audit CLI finds it: the worker alone
    // never chooses one, and its verifications read that programme's ledger.
    ledgerProgramme: async () =>
      (await chooseProgramme({ config: settings.config, mayChooseNew: false })).record.programmeId,
  };
}
