import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import type { App } from 'supertest/types';
import { batchDecider } from '../../domain/batch';
import { createApi } from '../../apps/api/create-api';
import { ensureProgrammeStarted } from '../../apps/api/programme/ensure-programme';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { pingxiangRehearsal, shanghai } from './pingxiang-scenario';
import { waitForWorkflow } from './programme-startup';
import { createTestAuth, type TestAuth } from './running-system';
import { testTemporal } from './test-env';
import {
  startTimeSkippingWorld,
  type TimeSkippingWorld,
  type TimeSkippingWorldOptions,
} from '../../apps/simulate/time-skipping-world';

/**
 * The API in front of the time-skipping test server: a programme on the rehearsal calendar (first
 * window 1 March 2027, in the server's future), driven only over HTTP, with time moved between calls.
 * The API decides its own checks at the server's time, not the wall clock's.
 */
export interface HttpWorld {
  readonly world: TimeSkippingWorld;
  readonly app: NestExpressApplication;
  readonly http: App;
  readonly auth: TestAuth;
  readonly policy: PolicyPack;
  readonly programmeId: string;
  /** Moves the server's clock to a Shanghai wall-clock time (`2027-04-06T10:00:00`). */
  at(dateTime: string): Promise<void>;
  /** Waits (bounded) until the programme has started a batch's workflow. */
  batchOpened(batchId: string): Promise<void>;
  close(): Promise<void>;
}

/** `devSignIn`: the API holds the tests' private key as `npm start` holds its own, for the console's sign-in. */
export async function startHttpWorld(
  options: TimeSkippingWorldOptions & {
    devSignIn?: boolean;
    /** Training mode's clock routes, moving this world's virtual clock (as `npm run start:training`). */
    training?: boolean;
  } = {},
): Promise<HttpWorld> {
  const world = await startTimeSkippingWorld({
    ...options,
    workflowBundlePath: testTemporal().workflowBundlePath,
  });
  const policy = pingxiangRehearsal();
  const auth = createTestAuth(policy);
  const programmeId = `${policy.id}-${randomUUID().slice(0, 8)}`;
  let now = await world.now();
  const at = async (instant: string): Promise<void> => {
    await world.advanceTo(instant);
    now = await world.now();
  };
  try {
    const app = await createApi(
      {
        client: world.client,
        store: world.store,
        verifier: auth.verifier,
        settings: { taskQueue: world.taskQueue, policy, programmeId, now: () => now },
        // A century's retention: the time-skipping server skips to the next timer whenever a client waits,
        // so a week would pass mid-test and the job's files with it (retention has its own test,
        // audit-job-retention.int-spec.ts).
        ...(options.audit
          ? { audit: { jobsDir: options.audit.jobsDir, scheduling: { filesRetentionHours: 24 * 365 * 100 } } }
          : {}),
        ...(options.devSignIn
          ? {
              devSignIn: {
                privateKey: auth.privateKey,
                algorithm: auth.algorithm,
                issuer: auth.issuer,
                audience: auth.audience,
                ttlSeconds: 3600,
              },
            }
          : {}),
        ...(options.training
          ? {
              trainingClock: {
                now: () => now,
                advanceTo: async (instant: string) => {
                  await at(instant);
                  return now;
                },
              },
            }
          : {}),
      },
      { logger: false, requestLog: false },
    );
    await app.init();
    await ensureProgrammeStarted(world.client, { programmeId, policy, taskQueue: world.taskQueue });
    return {
      world,
      app,
      http: app.getHttpServer() as App,
      auth,
      policy,
      programmeId,
      at: (dateTime) => at(shanghai(dateTime)),
      batchOpened: (batchId) =>
        waitForWorkflow(world.client, batchDecider.streamOf(programmeId, batchId, 'unambiguous')),
      close: async () => {
        await app.close();
        await world.close();
      },
    };
  } catch (error) {
    await world.close();
    throw error;
  }
}
