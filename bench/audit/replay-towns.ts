/**
 * Real histories for the replay benchmark: towns run by the product's worker and workflow code on a dev
 * server, each taken through the first year's steps an official takes (apply, listed, first reward paid,
 * plan submitted, returned, submitted again and approved) — seven Updates, each appended to the store.
 * The towns stay running, waiting for their next deadline, as most towns in a live programme do.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { townDecider } from '../../domain/town';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { policyInputOf } from '../../domain/policy/policy-reference';
import type { Actor } from '../../domain/shared/event-envelope';
import type { TownCommand } from '../../domain/town';
import { townCommandUpdate } from '../../workflows/town/town.messages';
import { townWorkflow } from '../../workflows/town/town.workflow';
import { forEachLimit } from '../lifecycle/concurrency';

const counties = ['anyuan', 'xiangdong', 'lianhua', 'shangli', 'luxi', 'pingxiang-etdz', 'wugongshan'];
const secretary: Actor = { userId: 'bench-secretary', seat: 'joint-meeting-secretary' };
const office: Actor = { userId: 'bench-office', seat: 'joint-meeting-office' };
const finance: Actor = { userId: 'bench-finance', seat: 'finance-bureau' };
/** Officials at work at once: enough to keep the worker busy on two cores. */
const OFFICIALS = 16;

export async function runTowns(
  client: Client,
  policy: PolicyPack,
  taskQueue: string,
  count: number,
  onTown: (done: number) => void,
): Promise<void> {
  const batchId = policy.batches[0]?.id ?? '2017';
  const documents = { 'special-plan': 'doc://plan', 'work-plan': 'doc://work' };
  let done = 0;
  await forEachLimit(
    Array.from({ length: count }, (_, i) => i),
    OFFICIALS,
    async (i) => {
      const townId = randomUUID();
      const code = counties[i % counties.length] ?? 'luxi';
      const county: Actor = { userId: `bench-${code}`, seat: 'county-official', county: code };
      const request = (actor: Actor, command: TownCommand) => ({
        command,
        meta: { actor, commandId: randomUUID(), correlationId: randomUUID() },
      });
      const handle = client.workflow.getHandle(townDecider.streamOf(townId));
      const act = (actor: Actor, command: TownCommand) =>
        handle.executeUpdate(townCommandUpdate, { args: [request(actor, command)] });
      await client.workflow.executeUpdateWithStart(townCommandUpdate, {
        args: [
          request(county, {
            type: 'ApplyForTown',
            data: {
              townId,
              batchId,
              name: `回放小镇 ${i}`,
              county: code,
              kind: 'administrative-town',
              industry: 'leisure-tourism',
            },
          }),
        ],
        startWorkflowOperation: new WithStartWorkflowOperation(townWorkflow, {
          workflowId: handle.workflowId,
          taskQueue,
          args: [{ townId, policy: policyInputOf(policy) }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
      await act(secretary, {
        type: 'RecordSelection',
        data: { batchId, listed: true, publishedAt: new Date().toISOString(), weightedScore: 80 },
      });
      await act(finance, { type: 'PayReward', data: { reward: 'listing', paymentRef: `pay-${i}` } });
      await act(county, { type: 'SubmitPlan', data: { documents } });
      await act(office, { type: 'ReturnPlan', data: { reasons: ['incomplete'] } });
      await act(county, { type: 'SubmitPlan', data: { documents } });
      await act(office, { type: 'ApprovePlan', data: {} });
      done += 1;
      onTown(done);
    },
  );
}
