import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, isGrpcServiceError, ServiceError } from '@temporalio/client';
import { toProblem } from '../../../apps/api/errors/error-translation';
import { createTownsWorker, type TownsWorker } from '../../../apps/worker/create-worker';
import { batchDecider } from '../../../domain/batch';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { startDevServer, type RunningDevServer } from '../../../infra/temporal/dev-server';
import { freePort } from '../../../infra/temporal/port-utils';
import { interactiveConnectionOptions } from '../../../infra/temporal/temporal-connection';
import { submitApplicationUpdate } from '../../../workflows/batch/batch.messages';
import { batchWorkflow } from '../../../workflows/batch/batch.workflow';
import { metaFor, seatHolders } from '../../helpers/programme-officials';
import { testTemporal } from '../../helpers/test-env';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';

/**
 * Closing day against the server's limit on Updates in flight per workflow (`history.maxInFlightUpdates`,
 * 10 by default; 3 on this test's own dev server so a handful of counties reach it). Every application
 * is an Update to the one batch and stays in flight until the town has answered, so more concurrent
 * applicants than the limit are refused by the server before the batch sees them (decision 0065).
 */
describe('Updates in flight on one batch', () => {
  const limit = 3;
  const applicants = 8;
  const namespace = 'towns-updates-in-flight';
  const taskQueue = `updates-in-flight-${randomUUID()}`;
  const policy = pingxiangRehearsalOpeningToday();
  let directory: string;
  let server: RunningDevServer;
  let connection: Connection;
  let client: Client;
  let store: EventStore;
  let worker: TownsWorker | undefined;
  let workerRun: Promise<void> | undefined;
  /** Applications still waiting for an answer, and their batch: ended before the connection closes. */
  let unanswered: { workflowId: string; outcomes: Promise<unknown>[] } | undefined;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'towns-updates-in-flight-'));
    server = await startDevServer({
      dataDir: join(directory, 'temporal'),
      namespace,
      port: await freePort(),
      headless: true,
      dynamicConfig: { 'history.maxInFlightUpdates': limit },
    });
    // The API's own connection: its few retries are part of what an official gets.
    connection = await Connection.connect(interactiveConnectionOptions(server.address));
    client = new Client({ connection, namespace });
    store = await createEventStore({ kind: 'pglite' });
  });

  afterAll(async () => {
    if (unanswered) {
      // A failed check leaves admitted applications polling; ending their batch answers them.
      await client.workflow
        .getHandle(unanswered.workflowId)
        .terminate('test over')
        .catch(() => undefined);
      await Promise.all(unanswered.outcomes);
    }
    await worker?.shutdown();
    await workerRun;
    await connection?.close();
    await store?.close();
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses the applicants past the limit as ENTITY_BUSY (503, Retry-After), and takes them when they retry', async () => {
    const programmeId = randomUUID();
    const workflowId = batchDecider.streamOf(programmeId, '2017', 'unambiguous');
    // No worker polls yet: every admitted application stays in flight until the test lets the batch run.
    await client.workflow.start(batchWorkflow, {
      workflowId,
      taskQueue,
      args: [{ programmeId, batchId: '2017', policy, priorListedByCounty: {}, naming: 'unambiguous' }],
    });
    const applications = Array.from({ length: applicants }, (_, index) => ({
      data: {
        townId: randomUUID(),
        name: `第${index + 1}个小镇`,
        county: 'shangli',
        kind: 'administrative-town' as const,
        industry: 'fireworks',
      },
      meta: metaFor(seatHolders.county('shangli')),
    }));
    const apply = (application: (typeof applications)[number]) =>
      client.workflow.getHandle(workflowId).executeUpdate(submitApplicationUpdate, { args: [application] });

    const refused: unknown[] = [];
    let allRefused: () => void = () => undefined;
    const refusalsIn = new Promise<void>((resolve) => {
      allRefused = resolve;
    });
    const outcomes = applications.map((application) =>
      apply(application).then(
        (recorded) => ({ application, recorded }),
        (error: unknown) => {
          refused.push(error);
          if (refused.length === applicants - limit) allRefused();
          return { application, error };
        },
      ),
    );
    unanswered = { workflowId, outcomes };
    // Those past the limit are refused while the first `limit` wait for the batch: nothing else settles.
    await refusalsIn;

    for (const error of refused) {
      // What the client hands the API: a service error around the server's RESOURCE_EXHAUSTED (8).
      expect(error).toBeInstanceOf(ServiceError);
      const cause = (error as ServiceError).cause;
      const grpc = isGrpcServiceError(cause) ? cause : undefined;
      expect(grpc?.code).toBe(8);
      expect(grpc?.details).toMatch(/in-flight updates/i);
      // What the official is told.
      const answer = toProblem(error);
      expect(answer.problem).toMatchObject({ status: 503, code: 'ENTITY_BUSY' });
      expect(answer.problem.messageZh).toBeTruthy();
      expect(answer.headers['Retry-After']).toBeDefined();
    }
    expect(await store.readStream(workflowId)).toEqual([]);

    worker = await createTownsWorker({
      address: server.address,
      namespace,
      taskQueue,
      store,
      workflowBundle: { codePath: testTemporal().workflowBundlePath },
    });
    workerRun = worker.run();
    const settled = await Promise.all(outcomes);
    const taken = settled.filter((outcome) => 'recorded' in outcome);
    expect(taken).toHaveLength(limit);

    // The refused applicants retry, as Retry-After tells them to; one at a time, each is taken.
    for (const outcome of settled) {
      if ('error' in outcome) await apply(outcome.application);
    }
    const received = (await store.readStream(workflowId)).filter(
      (event) => event.type === 'ApplicationReceived',
    );
    expect(received).toHaveLength(applicants);
  });
});
