import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { ensureProgrammeStarted } from '../../../apps/api/programme/ensure-programme';
import { batchDecider } from '../../../domain/batch';
import { programmeDecider } from '../../../domain/programme';
import { townDecider, type RecordSelection } from '../../../domain/town';
import { submitApplicationUpdate } from '../../../workflows/batch/batch.messages';
import { relayedTownCommandSignal, townViewQuery } from '../../../workflows/town/town.messages';
import { startDevServerWorker, type DevServerWorker } from '../../helpers/dev-server-worker';
import { eventually, waitForWorkflow } from '../../helpers/programme-startup';
import { metaFor, seatHolders } from '../../helpers/programme-officials';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';
import { applyDirectly } from '../../helpers/town-application';

/**
 * Operators find workflows by what they are about (decision 0127): the town, batch and programme
 * workflows keep their search attributes up to date, and the dev server's visibility store answers a
 * list query by them. Visibility is updated after the workflow task, so each listing is awaited.
 */
describe('search attributes kept by the workflows', () => {
  const policy = pingxiangRehearsalOpeningToday();
  let system: DevServerWorker;

  beforeAll(async () => {
    system = await startDevServerWorker('find');
  });

  afterAll(async () => {
    await system.close();
  });

  const idsListed = async (client: Client, query: string): Promise<string[]> => {
    const ids: string[] = [];
    for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
    return ids.sort();
  };
  const listedEventually = async (query: string, expected: readonly string[]): Promise<void> => {
    const wanted = [...expected].sort();
    let last: string[] = [];
    await eventually(`the list for ${query} is ${wanted.join(', ')}`, async () => {
      last = await idsListed(system.client, query);
      return JSON.stringify(last) === JSON.stringify(wanted);
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}; last listed: ${last.join(', ') || 'none'}`);
    });
  };

  it('lists every Luxi town in planning, and only those', async () => {
    const town = (county: string) => ({ townId: randomUUID(), county });
    const luxiListed = town('luxi');
    const luxiApplied = town('luxi');
    const xiangdongListed = town('xiangdong');
    for (const { townId, county } of [luxiListed, luxiApplied, xiangdongListed]) {
      await applyDirectly({ ...system, policy, townId, county });
    }
    const listing: RecordSelection = {
      type: 'RecordSelection',
      data: { batchId: '2017', listed: true, publishedAt: new Date().toISOString(), weightedScore: 90 },
    };
    for (const { townId } of [luxiListed, xiangdongListed]) {
      const commandId = randomUUID();
      const handle = system.client.workflow.getHandle(townDecider.streamOf(townId));
      await handle.signal(relayedTownCommandSignal, {
        command: listing,
        from: 'batch-under-test',
        commandId,
        correlationId: commandId,
      });
      await eventually('the town is in planning', async () => {
        return (await handle.query(townViewQuery)).state.status === 'planning';
      });
    }

    // Other tests share the server and its counties: this test's towns are the ones on its task queue.
    const ours = `TaskQueue = "${system.taskQueue}" AND EntityKind = "town"`;
    await listedEventually(`${ours} AND TownCounty = "luxi" AND TownStatus = "planning"`, [
      townDecider.streamOf(luxiListed.townId),
    ]);
    await listedEventually(`${ours} AND TownCounty = "luxi"`, [
      townDecider.streamOf(luxiListed.townId),
      townDecider.streamOf(luxiApplied.townId),
    ]);
    await listedEventually(`${ours} AND TownStatus = "applied"`, [townDecider.streamOf(luxiApplied.townId)]);
    await listedEventually(`${ours} AND TownBatch = "2017"`, [
      townDecider.streamOf(luxiListed.townId),
      townDecider.streamOf(luxiApplied.townId),
      townDecider.streamOf(xiangdongListed.townId),
    ]);
  });

  it('lists a programme, its batch and the towns applied through it by programme and kind', async () => {
    const programmeId = `${policy.id}-${randomUUID().slice(0, 8)}`;
    await ensureProgrammeStarted(system.client, { programmeId, policy, taskQueue: system.taskQueue });
    const batchWorkflowId = batchDecider.streamOf(programmeId, '2017', 'unambiguous');
    await waitForWorkflow(system.client, batchWorkflowId);
    const townId = randomUUID();
    await system.client.workflow.getHandle(batchWorkflowId).executeUpdate(submitApplicationUpdate, {
      args: [
        {
          data: {
            townId,
            name: '芦溪陶瓷小镇',
            county: 'luxi',
            kind: 'administrative-town',
            industry: 'fireworks',
          },
          meta: metaFor(seatHolders.county('luxi')),
        },
      ],
    });

    const ofProgramme = `ProgrammeId = "${programmeId}"`;
    await listedEventually(`${ofProgramme} AND EntityKind = "programme" AND TownStatus = "running"`, [
      programmeDecider.streamOf(programmeId),
    ]);
    await listedEventually(`${ofProgramme} AND EntityKind = "batch" AND TownStatus = "open"`, [
      batchWorkflowId,
    ]);
    await listedEventually(`${ofProgramme} AND EntityKind = "town" AND TownCounty = "luxi"`, [
      townDecider.streamOf(townId),
    ]);
  });
});
