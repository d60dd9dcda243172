import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { batchDecider } from '../../../domain/batch';
import { programmeDecider } from '../../../domain/programme';
import { townDecider } from '../../../domain/town';
import { ensureProgrammeStarted } from '../../../apps/api/programme/ensure-programme';
import type { Actor } from '../../../domain/shared/event-envelope';
import { submitApplicationUpdate } from '../../../workflows/batch/batch.messages';
import { closeProgrammeUpdate } from '../../../workflows/programme/programme.messages';
import { townCommandUpdate } from '../../../workflows/town/town.messages';
import { townWorkflow } from '../../../workflows/town/town.workflow';
import { startDevServerWorker, type DevServerWorker } from '../../helpers/dev-server-worker';
import { waitForWorkflow } from '../../helpers/programme-startup';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';

/**
 * The actor travels in the Update, so whoever reaches Temporal with a client could claim any seat. The
 * `system` seat (deadlines, messages between workflows) is never an Update's to claim: each workflow
 * refuses it before judging any rule — sent here directly with the client, as an intruder would.
 */
describe('Updates claiming the system seat', () => {
  const policy = pingxiangRehearsalOpeningToday();
  const intruder: Actor = { userId: 'scheduler', seat: 'system' };
  let world: DevServerWorker;
  let client: Client;

  beforeAll(async () => {
    world = await startDevServerWorker('system-seat');
    client = world.client;
  });

  afterAll(async () => {
    await world.close();
  });

  const meta = (actor: Actor) => {
    const commandId = randomUUID();
    return { actor, commandId, correlationId: commandId };
  };

  const refusalCodeOf = async (update: Promise<unknown>): Promise<string | undefined> => {
    const error = await update.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((error as WorkflowUpdateFailedError).cause as { type?: string } | undefined)?.type;
  };

  it('a town refuses a selection recorded as the system seat, which the seat could otherwise issue', async () => {
    const townId = randomUUID();
    const application = {
      type: 'ApplyForTown' as const,
      data: {
        townId,
        batchId: '2017',
        name: '芦溪麻山小镇',
        county: '芦溪县',
        kind: 'administrative-town' as const,
        industry: 'leisure-tourism',
      },
    };
    await client.workflow.executeUpdateWithStart(townCommandUpdate, {
      args: [
        { command: application, meta: meta({ userId: 'lx-1', seat: 'county-official', county: 'luxi' }) },
      ],
      startWorkflowOperation: new WithStartWorkflowOperation(townWorkflow, {
        workflowId: townDecider.streamOf(townId),
        taskQueue: world.taskQueue,
        args: [{ townId, policy }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    const town = client.workflow.getHandle(townDecider.streamOf(townId));
    const selection = {
      type: 'RecordSelection' as const,
      data: { batchId: '2017', listed: true, publishedAt: new Date().toISOString(), weightedScore: 99 },
    };
    expect(
      await refusalCodeOf(
        town.executeUpdate(townCommandUpdate, { args: [{ command: selection, meta: meta(intruder) }] }),
      ),
    ).toBe('SYSTEM_SEAT_RESERVED');
    expect((await world.store.readStream(townDecider.streamOf(townId))).map((event) => event.type)).toEqual([
      'TownApplied',
    ]);
  });

  it('a batch and the programme refuse their Updates as the system seat, and record nothing', async () => {
    const programmeId = `${policy.id}-${randomUUID().slice(0, 8)}`;
    await ensureProgrammeStarted(client, { programmeId, policy, taskQueue: world.taskQueue });
    const batchId = batchDecider.streamOf(programmeId, '2017', 'unambiguous');
    await waitForWorkflow(client, batchId);

    const application = {
      townId: randomUUID(),
      name: '上栗花炮小镇',
      county: '上栗县',
      kind: 'administrative-town' as const,
      industry: 'fireworks',
    };
    expect(
      await refusalCodeOf(
        client.workflow.getHandle(batchId).executeUpdate(submitApplicationUpdate, {
          args: [{ data: application, meta: meta(intruder) }],
        }),
      ),
    ).toBe('SYSTEM_SEAT_RESERVED');
    expect(
      await refusalCodeOf(
        client.workflow
          .getHandle(programmeDecider.streamOf(programmeId))
          .executeUpdate(closeProgrammeUpdate, { args: [{ meta: meta(intruder) }] }),
      ),
    ).toBe('SYSTEM_SEAT_RESERVED');

    const typesIn = async (stream: string) =>
      (await world.store.readStream(stream)).map((event) => event.type);
    expect(await typesIn(batchDecider.streamOf(programmeId, '2017', 'unambiguous'))).not.toContain(
      'ApplicationReceived',
    );
    expect(await typesIn(programmeDecider.streamOf(programmeId))).not.toContain('ProgrammeClosed');
  });
});
