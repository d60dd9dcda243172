import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { townDecider } from '../../domain/town';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { policyInputOf } from '../../domain/policy/policy-reference';
import type { Actor } from '../../domain/shared/event-envelope';
import type { TownCommand } from '../../domain/town';
import { townCommandUpdate, type TownCommandRequest } from '../../workflows/town/town.messages';
import { townWorkflow } from '../../workflows/town/town.workflow';
import { measureLatency } from './latency';

const counties = ['anyuan', 'xiangdong', 'lianhua', 'shangli', 'luxi', 'pingxiang-etdz', 'wugongshan'];

/**
 * Towns waiting for their plans, many more than one programme's quota admits: each is applied for and
 * listed straight through its own workflow (the town decider checks neither the quota nor a batch), so
 * the load can send each request a first-time step of its own.
 */
export async function listedTowns(
  client: Client,
  policy: PolicyPack,
  taskQueue: string,
  count: number,
): Promise<{ townId: string; county: string }[]> {
  const towns = Array.from({ length: count }, (_, i) => ({
    townId: randomUUID(),
    county: counties[i % counties.length] ?? 'luxi',
  }));
  const secretary: Actor = { userId: 'bench-secretary', seat: 'joint-meeting-secretary' };
  const request = (actor: Actor, command: TownCommand): TownCommandRequest => ({
    command,
    meta: { actor, commandId: randomUUID(), correlationId: randomUUID() },
  });
  const batchId = policy.batches[0]?.id ?? '2017';
  const startInput = policyInputOf(policy);
  await measureLatency(count, 16, async (i) => {
    const town = towns[i];
    if (!town) return;
    const county: Actor = { userId: `bench-${town.county}`, seat: 'county-official', county: town.county };
    await client.workflow.executeUpdateWithStart(townCommandUpdate, {
      args: [
        request(county, {
          type: 'ApplyForTown',
          data: {
            townId: town.townId,
            batchId,
            name: `压测小镇 ${i}`,
            county: town.county,
            kind: 'administrative-town',
            industry: 'leisure-tourism',
          },
        }),
      ],
      startWorkflowOperation: new WithStartWorkflowOperation(townWorkflow, {
        workflowId: townDecider.streamOf(town.townId),
        taskQueue,
        // As the batch starts a town: a reference to the pack when this build carries it (decision 0130).
        args: [{ townId: town.townId, policy: startInput }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    await client.workflow.getHandle(townDecider.streamOf(town.townId)).executeUpdate(townCommandUpdate, {
      args: [
        request(secretary, {
          type: 'RecordSelection',
          data: { batchId, listed: true, publishedAt: new Date().toISOString(), weightedScore: 80 },
        }),
      ],
    });
  });
  return towns;
}
