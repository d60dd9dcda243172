import request from 'supertest';
import type { App } from 'supertest/types';
import { batchDecider } from '../../domain/batch';
import { townDecider } from '../../domain/town';
import { batchViewQuery } from '../../workflows/batch/batch.messages';
import { faultyStore, type FaultyStore } from '../helpers/faulty-store';
import { eventually } from '../helpers/programme-startup';
import { applicationRecordOf } from '../helpers/application-record';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';

/**
 * What an official is told when the store fails a step, and what a retry with the same Idempotency-Key
 * gets (docs/decisions/0060): never a failure remembered for ever, never a wait without end.
 */
describe('answers to a step the store failed', () => {
  let system: RunningSystem;
  let faults: FaultyStore;
  let http: App;
  const commandTimeoutMs = 2_000;

  beforeAll(async () => {
    system = await startRunningSystem({
      settings: { commandTimeoutMs },
      wrapStore: (store) => (faults = faultyStore(store)),
    });
    http = system.app.getHttpServer();
  });
  afterAll(async () => {
    faults.heal();
    await system.stop();
  });

  const official = (county: string) =>
    system.auth.tokenFor({ userId: `${county}-official`, seat: 'county-official', county });
  const application = (county: string, name: string) => ({
    name,
    county,
    kind: 'administrative-town',
    industry: 'leisure-tourism',
    batchId: '2017',
  });
  const apply = async (county: string, key: string, name: string) =>
    request(http)
      .post('/api/towns')
      .auth(await official(county), { type: 'bearer' })
      .set('Idempotency-Key', key)
      .send(application(county, name));
  const townStreams = (stream: string) => townDecider.recognises(stream) !== undefined;
  const batch = () =>
    system.client.workflow.getHandle(batchDecider.streamOf(system.programmeId, '2017', 'unambiguous'));

  const recordOf = (townId: string) => applicationRecordOf(system.store, townId);

  it('lets a retry with the same Idempotency-Key succeed after a failed attempt, recording it once', async () => {
    faults.fail('down', townStreams);
    const failed = await apply('luxi', 'apply-through-outage', '武功山温泉小镇');
    expect(failed.status).toBe(503);
    // Not confirmed by the store, or not answered within the wait: both say "retry with this key".
    expect(['STEP_NOT_CONFIRMED', 'STEP_OUTCOME_UNKNOWN']).toContain(failed.body.code);
    expect(failed.headers['retry-after']).toBeDefined();
    // The attempt has ended in the batch, unconfirmed: a failure Temporal would hand back for ever to
    // an Update sent again under the same id.
    await eventually('the batch holds the application pending', async () => {
      const { recording } = await batch().query(batchViewQuery);
      return recording?.pending?.commandType === 'SubmitApplication';
    });

    faults.heal();
    let retried: request.Response | undefined;
    await eventually('a retry with the same key is answered 201', async () => {
      retried = await apply('luxi', 'apply-through-outage', '武功山温泉小镇');
      return retried.status === 201;
    });
    const townId = retried?.body.townId as string;
    expect(await recordOf(townId)).toEqual({ town: ['TownApplied'], batch: 1 });
    // And again: the same step, not a second one.
    const again = await apply('luxi', 'apply-through-outage', '武功山温泉小镇');
    expect(again.status).toBe(201);
    expect(again.body.eventIds).toEqual(retried?.body.eventIds);
    expect(await recordOf(townId)).toEqual({ town: ['TownApplied'], batch: 1 });
  });

  it('answers within the configured wait when the store stalls, and the retry learns the outcome', async () => {
    // The town's append commits and its answer never comes: the step outlives the request.
    faults.fail('commit-then-hang', townStreams);
    const stalled = await apply('shangli', 'apply-through-stall', '上栗花炮小镇');
    expect(stalled.status).toBe(503);
    expect(stalled.body.code).toBe('STEP_OUTCOME_UNKNOWN');
    expect(stalled.body.detail).toContain(`${commandTimeoutMs / 1000} s`);
    expect(stalled.headers['retry-after']).toBeDefined();

    faults.heal();
    let answer: request.Response | undefined;
    await eventually('a retry is answered with the recorded step', async () => {
      answer = await apply('shangli', 'apply-through-stall', '上栗花炮小镇');
      return answer.status === 201;
    });
    expect(await recordOf(answer?.body.townId as string)).toEqual({ town: ['TownApplied'], batch: 1 });
  });
});
