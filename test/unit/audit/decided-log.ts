/**
 * Logs the system could really have written: each step decided by the aggregate's real decider on the
 * state its earlier steps left, wrapped by the real `envelope` (command on the first event), and kept as
 * the store keeps it (JSON). Held in memory (RecordedLog) or written to a real store.
 */
import { createHash } from 'node:crypto';
import { aggregateOfStream, recordedDecider } from '../../../domain/aggregates';
import { batchDecider } from '../../../domain/batch';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { conditionsFor } from '../../../domain/shared/application-rules';
import { programmeDecider } from '../../../domain/programme';
import { type DecisionContext, envelope } from '../../../domain/shared/decision';
import type { Actor, NewEvent, RecordedCommand } from '../../../domain/shared/event-envelope';
import { townDecider } from '../../../domain/town';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { RecordedLog } from './recorded';

export const actors = {
  system: { userId: 'scheduler', seat: 'system' },
  county: (county: string): Actor => ({ userId: `county-${county}`, seat: 'county-official', county }),
  office: { userId: 'office-1', seat: 'joint-meeting-office' },
  secretary: { userId: 'secretary-1', seat: 'joint-meeting-secretary' },
} satisfies Record<string, Actor | ((county: string) => Actor)>;

function uuidOf(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface DecidedStep {
  readonly stream: string;
  readonly events: readonly NewEvent[];
}

export class DecidedLog {
  readonly log = new RecordedLog();
  readonly steps: DecidedStep[] = [];
  private readonly states = new Map<string, unknown>();

  constructor(private readonly policy: PolicyPack) {}

  /** Decides `command` on the stream's state and records the events; throws a refusal as it comes. */
  step(stream: string, command: RecordedCommand, now: string, actor: Actor): this {
    const { kind } = aggregateOfStream(stream);
    if (kind === 'other') throw new RangeError(`${stream} is no aggregate's stream`);
    const rules = recordedDecider(kind);
    const state = this.states.has(stream) ? this.states.get(stream) : rules.initialState;
    const commandId = uuidOf(`command/${this.steps.length}`);
    const ctx: DecisionContext = { now, actor, policy: this.policy, commandId };
    const decided = rules.decide(command, state, ctx);
    const events = envelope(decided, {
      ...ctx,
      correlationId: commandId,
      ids: decided.map((_event, index) => uuidOf(`event/${this.steps.length}/${index}`)),
      command,
    }).map((event) => JSON.parse(JSON.stringify(event)) as NewEvent);
    this.states.set(
      stream,
      decided.reduce((folded, event) => rules.evolve(folded, event), state),
    );
    this.steps.push({ stream, events });
    this.log.append(stream, events);
    return this;
  }

  async writeTo(store: Pick<EventStore, 'append'>): Promise<void> {
    for (const { stream, events } of this.steps) await store.append(stream, events, 'any');
  }
}

const TOWN = {
  townId: 'shangli-fireworks',
  name: '上栗花炮小镇',
  county: 'shangli',
  kind: 'administrative-town',
  industry: 'fireworks',
} as const;

/**
 * Pingxiang 2017 as written: the programme starts, the 2017 batch takes one application, lists it and
 * publishes; the town plans, and is rated unqualified for 2018 (under Pingxiang's rules it exits).
 */
export function pingxiangLog(policy: PolicyPack, options: { readonly score2018?: number } = {}): DecidedLog {
  const programme = programmeDecider.streamOf('px');
  const batch = batchDecider.streamOf('px', '2017', undefined);
  const town = townDecider.streamOf(TOWN.townId);
  const scores = Object.fromEntries(policy.selection.criteria.map((criterion) => [criterion.code, 80]));
  const conditions = Object.fromEntries(
    conditionsFor(policy, TOWN.kind).map((condition) => [condition.code, true]),
  );
  return new DecidedLog(policy)
    .step(
      programme,
      { type: 'StartProgramme', data: { programmeId: 'px' } },
      '2017-02-20T09:00:00+08:00',
      actors.system,
    )
    .step(
      programme,
      { type: 'OpenProgrammeBatch', data: { batchId: '2017' } },
      '2017-03-01T00:00:00+08:00',
      actors.system,
    )
    .step(
      batch,
      { type: 'OpenBatch', data: { batchId: '2017', priorListedByCounty: {} } },
      '2017-03-01T00:00:00+08:00',
      actors.system,
    )
    .step(
      batch,
      { type: 'SubmitApplication', data: TOWN },
      '2017-03-20T10:00:00+08:00',
      actors.county('shangli'),
    )
    .step(
      town,
      { type: 'ApplyForTown', data: { ...TOWN, batchId: '2017' } },
      '2017-03-20T10:00:00+08:00',
      actors.county('shangli'),
    )
    .step(batch, { type: 'CloseApplicationWindow', data: {} }, '2017-03-31T23:59:59.999+08:00', actors.system)
    .step(
      batch,
      { type: 'RecordDefenceScore', data: { townId: TOWN.townId, scores, conditions } },
      '2017-04-10T10:00:00+08:00',
      actors.office,
    )
    .step(
      batch,
      { type: 'DecideList', data: { listed: [TOWN.townId] } },
      '2017-04-20T10:00:00+08:00',
      actors.secretary,
    )
    .step(batch, { type: 'PublishList', data: {} }, '2017-04-28T10:00:00+08:00', actors.secretary)
    .step(
      town,
      {
        type: 'RecordSelection',
        data: { batchId: '2017', listed: true, publishedAt: '2017-04-28T02:00:00.000Z', weightedScore: 80 },
      },
      '2017-04-28T10:00:05+08:00',
      { userId: 'batch-px-2017', seat: 'system' },
    )
    .step(
      town,
      {
        type: 'SubmitPlan',
        data: { documents: { 'special-plan': 'doc://plan', 'work-plan': 'doc://work' } },
      },
      '2017-07-10T10:00:00+08:00',
      actors.county('shangli'),
    )
    .step(town, { type: 'ApprovePlan', data: {} }, '2017-07-12T10:00:00+08:00', actors.office)
    .step(
      town,
      { type: 'OpenYearlyReview', data: { year: 2018 } },
      '2018-12-01T00:00:00+08:00',
      actors.system,
    )
    .step(
      town,
      {
        type: 'SubmitYearlyStatistics',
        data: {
          year: 2018,
          statistics: { output: 1000 },
          projectProgress: {
            projectsPlanned: 10,
            projectsCompleted: 2,
            investmentPlannedYuan: 5e8,
            investmentCompletedYuan: 1e8,
          },
        },
      },
      '2018-12-10T10:00:00+08:00',
      actors.county('shangli'),
    )
    .step(
      town,
      { type: 'RateTown', data: { year: 2018, score: options.score2018 ?? 40, assessment: 'on site' } },
      '2018-12-20T10:00:00+08:00',
      actors.office,
    );
}

export const pingxiangTown = TOWN;
