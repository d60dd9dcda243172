/**
 * Next steps per seat for a batch, asked of the decider with a representative command per step.
 */
import type { PolicyPack } from '../policy/policy-pack.schema';
import { conditionsFor } from '../shared/application-rules';
import { isDomainRefusal } from '../shared/domain-refusal';
import { perSeat, Seat } from '../shared/seats';
import type { BatchCommand, BatchCommandType } from './batch.commands';
import { batchCommandTypes } from './batch.commands';
import { decideBatch } from './batch.decider';
import { batchCommandSeats } from './batch.permissions';
import type { BatchState } from './batch.state';

export interface BatchAllowedContext {
  readonly now: string;
  readonly policy: PolicyPack;
  readonly seat?: Seat;
  /** For a county official: the county their seat is scoped to. */
  readonly county?: string;
}

function probes(type: BatchCommandType, state: BatchState, ctx: BatchAllowedContext): BatchCommand[] {
  const county = ctx.county ?? ctx.policy.counties[0]?.code ?? '';
  switch (type) {
    case 'OpenBatch':
      return ctx.policy.batches.map((batch) => ({
        type,
        data: { batchId: batch.id, priorListedByCounty: {} },
      }));
    case 'SubmitApplication':
      return [
        {
          type,
          data: {
            townId: '\u0000probe',
            name: 'probe',
            county,
            kind: ctx.policy.candidateKinds[0]?.code ?? 'administrative-town',
            industry: ctx.policy.industries[0]?.code ?? '',
          },
        },
      ];
    case 'RecordDefenceScore':
      return state.applications.map((application) => ({
        type,
        data: {
          townId: application.townId,
          scores: Object.fromEntries(ctx.policy.selection.criteria.map((criterion) => [criterion.code, 0])),
          conditions: Object.fromEntries(
            conditionsFor(ctx.policy, application.kind).map((condition) => [condition.code, true]),
          ),
        },
      }));
    case 'DecideList':
      return [{ type, data: { listed: [] } }];
    case 'CloseApplicationWindow':
    case 'PublishList':
      return [{ type, data: {} }];
    case 'RecordListPage':
    case 'CloseList':
    case 'SendDeadlineReminder':
      // The scheduler's bookkeeping and the pages of a list the workflow records: never chosen on their own.
      return [];
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

export function allowedBatchCommands(
  state: BatchState,
  ctx: BatchAllowedContext,
): Record<Seat, BatchCommandType[]> {
  return perSeat((seat) =>
    ctx.seat !== undefined && ctx.seat !== seat
      ? []
      : batchCommandTypes.filter(
          (type) =>
            batchCommandSeats[type].includes(seat) &&
            probes(type, state, ctx).some((command) => {
              const county = ctx.county ?? ctx.policy.counties[0]?.code;
              try {
                return (
                  decideBatch(command, state, {
                    now: ctx.now,
                    policy: ctx.policy,
                    commandId: 'probe',
                    actor: { userId: 'probe', seat, ...(county === undefined ? {} : { county }) },
                  }).length > 0
                );
              } catch (error) {
                if (isDomainRefusal(error)) return false;
                throw error;
              }
            }),
        ),
  );
}
