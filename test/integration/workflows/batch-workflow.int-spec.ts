import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  batchAllowedQuery,
  batchStream,
  batchWorkflowId,
  submitApplicationUpdate,
  recordDefenceScoreUpdate,
} from '../../../workflows/batch/batch.messages';
import { batchWorkflow } from '../../../workflows/batch/batch.workflow';
import { townStream, townViewQuery, townWorkflowId } from '../../../workflows/town/town.messages';
import { startDevServerWorker, type DevServerWorker } from '../../helpers/dev-server-worker';
import { metaFor, seatHolders } from '../../helpers/programme-officials';
import { pingxiang2017FirstEdition } from '../../../domain/policy';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';

/** The batch workflow on the real dev server: applications start the towns, refusals write nothing. */
describe('batch workflow', () => {
  const policy = pingxiangRehearsalOpeningToday();
  let system: DevServerWorker;
  let programmeId: string;

  beforeAll(async () => {
    system = await startDevServerWorker('batch');
  });

  afterAll(async () => {
    await system.close();
  });

  /** A batch whose county quota already counts one Shangli town listed earlier. */
  const startBatch = async (pack: PolicyPack) => {
    programmeId = randomUUID();
    await system.client.workflow.start(batchWorkflow, {
      workflowId: batchWorkflowId(programmeId, '2017'),
      taskQueue: system.taskQueue,
      args: [
        { programmeId, batchId: '2017', policy: pack, priorListedByCounty: { shangli: ['shangli-earlier'] } },
      ],
    });
  };

  beforeEach(() => startBatch(policy));

  const handle = () => system.client.workflow.getHandle(batchWorkflowId(programmeId, '2017'));
  const apply = (townId: string, county = 'shangli') =>
    handle().executeUpdate(submitApplicationUpdate, {
      args: [
        {
          data: {
            townId,
            name: `${townId} 小镇`,
            county,
            kind: 'administrative-town',
            industry: 'fireworks',
          },
          meta: metaFor(seatHolders.county(county)),
        },
      ],
    });
  const refusal = async (step: Promise<unknown>) => {
    const error = await step.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((error as WorkflowUpdateFailedError).cause as { type?: string }).type;
  };

  it('records the application in the batch, starts the town, and answers once both are stored', async () => {
    const townId = randomUUID();
    const recorded = await apply(townId);
    expect(recorded.townWorkflowId).toBe(townWorkflowId(townId));
    const batchEvents = await system.store.readStream(batchStream(programmeId, '2017'));
    expect(batchEvents.map((event) => event.type)).toEqual(['BatchOpened', 'ApplicationReceived']);
    expect(batchEvents[1]?.id).toBe(recorded.batch.eventIds[0]);
    const townEvents = await system.store.readStream(townStream(townId));
    expect(townEvents.map((event) => event.id)).toEqual(recorded.town.eventIds);
    expect(townEvents[0]?.metadata.actor).toEqual(seatHolders.county('shangli'));
    const town = await system.client.workflow.getHandle(townWorkflowId(townId)).query(townViewQuery);
    expect(town.state).toMatchObject({ status: 'applied', batchId: '2017', county: 'shangli' });
  });

  it('refuses at once, writing nothing and starting nothing: a quota on applications counts earlier batches', async () => {
    // The first edition of the pack capped applications (Pingxiang's current one caps listing only).
    await startBatch(pingxiangRehearsalOpeningToday(pingxiang2017FirstEdition));
    await apply(randomUUID());
    const before = await system.store.readStream(batchStream(programmeId, '2017'));
    const third = randomUUID();
    expect(await refusal(apply(third))).toBe('COUNTY_QUOTA_FULL');
    expect(await system.store.readStream(batchStream(programmeId, '2017'))).toHaveLength(before.length);
    expect(await system.store.readStream(townStream(third))).toEqual([]);
    await expect(system.client.workflow.getHandle(townWorkflowId(third)).describe()).rejects.toThrow();
  });

  it('refuses an official acting for another county, and a defence score while the window is open', async () => {
    const townId = randomUUID();
    const foreign = handle().executeUpdate(submitApplicationUpdate, {
      args: [
        {
          data: { townId, name: '小镇', county: 'luxi', kind: 'administrative-town', industry: 'fireworks' },
          meta: metaFor(seatHolders.county('anyuan')),
        },
      ],
    });
    expect(await refusal(foreign)).toBe('ACTOR_COUNTY_MISMATCH');
    const scored = handle().executeUpdate(recordDefenceScoreUpdate, {
      args: [{ data: { townId, scores: {} }, meta: metaFor(seatHolders.office) }],
    });
    expect(await refusal(scored)).toBe('APPLICATION_WINDOW_STILL_OPEN');
    const allowed = await handle().query(batchAllowedQuery, { county: 'luxi' });
    expect(allowed['county-official']).toEqual(['SubmitApplication']);
    expect(allowed['joint-meeting-office']).toEqual([]);
  });
});
