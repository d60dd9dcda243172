import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { townDecider } from '../../domain/town';
import type { RecordedStep, StepMeta } from '../../workflows/shared/stream-step';
import type { WorkflowLimits } from '../../workflows/shared/continue-as-new';
import { townCommandUpdate } from '../../workflows/town/town.messages';
import { townWorkflow } from '../../workflows/town/town.workflow';
import { metaFor, seatHolders } from './programme-officials';

export interface DirectApplication {
  readonly client: Client;
  readonly taskQueue: string;
  readonly policy: PolicyPack;
  readonly townId: string;
  /** County code (default `shangli`); the official acting is that county's. */
  readonly county?: string;
  readonly name?: string;
  /** The step's meta (default: a fresh command of the county's official). */
  readonly meta?: StepMeta;
  readonly limits?: WorkflowLimits;
}

/**
 * A town applying on its own, not through a batch (as a town of another batch or programme did): its
 * workflow started by update-with-start with `ApplyForTown`, the way a batch hands it an application.
 */
export function applyDirectly(application: DirectApplication): Promise<RecordedStep> {
  const { client, taskQueue, policy, townId, county = 'shangli', limits } = application;
  return client.workflow.executeUpdateWithStart(townCommandUpdate, {
    args: [
      {
        command: {
          type: 'ApplyForTown',
          data: {
            townId,
            batchId: '2017',
            name: application.name ?? `${county}小镇`,
            county,
            kind: 'administrative-town',
            industry: 'fireworks',
          },
        },
        meta: application.meta ?? metaFor(seatHolders.county(county)),
      },
    ],
    startWorkflowOperation: new WithStartWorkflowOperation(townWorkflow, {
      workflowId: townDecider.streamOf(townId),
      taskQueue,
      args: [{ townId, policy, ...(limits ? { limits } : {}) }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}
