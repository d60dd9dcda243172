import { randomUUID } from 'node:crypto';
import { InterceptingCall, Metadata, status, type Interceptor } from '@grpc/grpc-js';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApi } from '../../apps/api/create-api';
import { townDecider } from '../../domain/town';
import { applicationRecordOf } from '../helpers/application-record';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';
import { testTemporal } from '../helpers/test-env';

/** What the next Updates sent meet, one fault each; a call with none left goes through untouched. */
interface UpdateFaults {
  /** The Update reaches the server and may be applied, but its caller is told "not found". */
  answeredNotFound: number;
  /** The Update never leaves the client; its caller is told "not found". */
  notSentNotFound: number;
}

const notFound = () => ({
  code: status.NOT_FOUND,
  details: 'workflow execution already completed',
  metadata: new Metadata(),
});

/**
 * Temporal's front end answering an Update "not found" while the workflow hands over to its next run
 * (continue-as-new): the server may have applied it, or not. Only UpdateWorkflowExecution is touched.
 */
function notFoundWhileHandingOver(faults: UpdateFaults): Interceptor {
  return (options, nextCall) => {
    if (!options.method_definition.path.endsWith('/UpdateWorkflowExecution'))
      return new InterceptingCall(nextCall(options));
    if (faults.answeredNotFound > 0) {
      faults.answeredNotFound -= 1;
      // The answer goes on to the caller (grpc-js holds the status until it has), with the status replaced.
      return new InterceptingCall(nextCall(options), {
        start: (metadata, _listener, next) =>
          next(metadata, { onReceiveStatus: (_status, nextStatus) => nextStatus(notFound()) }),
      });
    }
    if (faults.notSentNotFound > 0) {
      faults.notSentNotFound -= 1;
      const unsent = nextCall(options);
      return new InterceptingCall(unsent, {
        start: (_metadata, listener) => {
          unsent.cancelWithStatus(status.CANCELLED, 'not sent');
          listener.onReceiveStatus(notFound());
        },
        sendMessage: () => undefined,
        halfClose: () => undefined,
      });
    }
    return new InterceptingCall(nextCall(options));
  };
}

/**
 * An Update answered "not found" by a workflow that runs met a run handing over to the next; it is not
 * an unopened batch nor a missing town (docs/decisions/0142). The API asks the run now current once
 * more: a step the server had applied is answered with its record, one it had not is recorded, and
 * either way it is recorded once.
 */
describe('an Update "not found" by a workflow that runs', () => {
  let system: RunningSystem;
  let connection: Connection;
  let api: NestExpressApplication;
  let http: App;
  const faults: UpdateFaults = { answeredNotFound: 0, notSentNotFound: 0 };

  beforeAll(async () => {
    system = await startRunningSystem();
    connection = await Connection.connect({
      address: testTemporal().address,
      interceptors: [notFoundWhileHandingOver(faults), makeGrpcRetryInterceptor(defaultGrpcRetryOptions())],
    });
    const client = new Client({ connection, namespace: testTemporal().namespace });
    api = await createApi(
      {
        client,
        store: system.store,
        verifier: system.auth.verifier,
        settings: { taskQueue: system.taskQueue, policy: system.policy, programmeId: system.programmeId },
      },
      { logger: false, requestLog: false },
    );
    await api.init();
    http = api.getHttpServer();
  });
  afterAll(async () => {
    await api?.close();
    await connection?.close();
    await system?.stop();
  });

  const official = (county: string) =>
    system.auth.tokenFor({ userId: `${county}-official`, seat: 'county-official', county });
  const apply = async (county: string, name: string, batchId = '2017') =>
    request(http)
      .post('/api/towns')
      .auth(await official(county), { type: 'bearer' })
      .send({ name, county, kind: 'administrative-town', industry: 'leisure-tourism', batchId })
      .then((answer) => answer);

  const recordOf = (townId: string) => applicationRecordOf(system.store, townId);

  it('an application the server applied is answered 201 with its record, recorded once', async () => {
    faults.answeredNotFound = 1;
    const applied = await apply('芦溪县', '麻山汽车风情小镇');
    expect(applied.status).toBe(201);
    expect(faults.answeredNotFound).toBe(0);
    expect(await recordOf(applied.body.townId)).toEqual({ town: ['TownApplied'], batch: 1 });
    expect(applied.body.eventIds).toEqual([
      (await system.store.readStream(townDecider.streamOf(applied.body.townId)))[0]?.id,
    ]);
  });

  it('an application the server never saw is recorded by the second sending, once', async () => {
    faults.notSentNotFound = 1;
    const applied = await apply('上栗县', '上栗花炮小镇');
    expect(applied.status).toBe(201);
    expect(faults.notSentNotFound).toBe(0);
    expect(await recordOf(applied.body.townId)).toEqual({ town: ['TownApplied'], batch: 1 });
  });

  it('"not found" twice in a row leaves the outcome open: 503 STEP_OUTCOME_UNKNOWN', async () => {
    faults.answeredNotFound = 2;
    const answered = await apply('莲花县', '莲花小镇');
    expect(answered.body).toMatchObject({ code: 'STEP_OUTCOME_UNKNOWN', status: 503 });
    expect(answered.headers['retry-after']).toBe('5');
  });

  it('a batch whose workflow does not run is still 409 BATCH_NOT_OPEN', async () => {
    const office = await system.auth.tokenFor({ seat: 'joint-meeting-office' });
    const scores = Object.fromEntries(system.policy.selection.criteria.map(({ code }) => [code, 80]));
    const refused = await request(http)
      .post('/api/batches/2018/defence-scores')
      .auth(office, { type: 'bearer' })
      .send({ townId: randomUUID(), scores });
    expect(refused.body).toMatchObject({ code: 'BATCH_NOT_OPEN', status: 409 });
  });
});
