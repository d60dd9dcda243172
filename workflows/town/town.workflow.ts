import { condition, setHandler } from '@temporalio/workflow';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import type { DecisionContext } from '../../domain/shared/decision';
import {
  decideTown,
  evolveTown,
  initialTownState,
  type TownCommand,
  type TownEvent,
  type TownState,
} from '../../domain/town';
import { interactiveAppend } from '../shared/event-log-activities';
import { StreamCommandRunner, type StepMeta } from '../shared/stream-command-runner';
import { workflowNow } from '../workflow-clock';
import {
  townCommandUpdate,
  townStream,
  townViewQuery,
  type TownCommandRequest,
  type TownWorkflowInput,
} from './town.messages';

/**
 * One town's whole life. Handlers are one line each; the body only waits. Every step is decided by the
 * pure town decider and recorded in the town's stream before the caller is answered.
 */
export async function townWorkflow(input: TownWorkflowInput): Promise<TownState> {
  // Validated and its hash checked: a pack altered on the way in is refused, not run.
  const policy = parsePolicyPack(input.policy);
  const runner = new StreamCommandRunner<TownState, TownCommand, TownEvent>(
    townStream(input.townId),
    { decide: decideTown, evolve: evolveTown },
    initialTownState,
    interactiveAppend.appendToStream,
  );
  const context = (meta: StepMeta): DecisionContext => ({
    now: workflowNow(),
    actor: meta.actor,
    policy,
    commandId: meta.commandId,
  });

  setHandler(townCommandUpdate, ({ command, meta }) => runner.run(command, () => context(meta), meta), {
    validator: ({ command, meta }: TownCommandRequest) => runner.validate(command, context(meta)),
  });
  setHandler(townViewQuery, () => ({
    townId: input.townId,
    policyId: policy.id,
    policyVersion: policy.version,
    streamVersion: runner.version,
    state: runner.state,
  }));

  // The lifecycle after the application (listing, planning, reviews, acceptance) waits here for now.
  await condition(() => false);
  return runner.state;
}
