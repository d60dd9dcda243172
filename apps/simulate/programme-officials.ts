import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { batchDecider, batchMembersOf, type BatchState } from '../../domain/batch';
import { checkAgainstSummary } from '../../domain/shared/list-summary';
import { foldThroughVersion } from '../../activities/state-through-version';
import { programmeDecider, type ProgrammeEvent, type ProgrammeState } from '../../domain/programme';
import { townDecider } from '../../domain/town';
import type { CandidateKindCode, PolicyPack } from '../../domain/policy/policy-pack.schema';
import { conditionsFor } from '../../domain/shared/application-rules';
import type { Actor } from '../../domain/shared/event-envelope';
import type { FormAcceptanceOpinion, GrantLandSupport, TownCommand } from '../../domain/town';
import type { ApplicationRecorded, BatchView } from '../../workflows/batch/batch.messages';
import {
  batchViewQuery,
  decideListUpdate,
  publishListUpdate,
  recordDefenceScoreUpdate,
  submitApplicationUpdate,
} from '../../workflows/batch/batch.messages';
import {
  closeProgrammeUpdate,
  programmeReportedRatingsQuery,
  programmeViewQuery,
  REPORTED_RATINGS_PAGE,
  type ProgrammeWorkflowInput,
} from '../../workflows/programme/programme.messages';
import { programmeWorkflow } from '../../workflows/programme/programme.workflow';
import type { WorkflowLimits } from '../../workflows/shared/continue-as-new';
import type { RecordedStep, StepMeta } from '../../workflows/shared/stream-step';
import { townCommandUpdate, townViewQuery } from '../../workflows/town/town.messages';
import type { EventStore } from '../../infra/event-store/event-store.port';

/** The seats that act in the programme, as the API would present them after checking the token. */
export const seatHolders = {
  county: (county: string): Actor => ({ userId: `county-${county}`, seat: 'county-official', county }),
  office: { userId: 'office-1', seat: 'joint-meeting-office' } satisfies Actor,
  secretary: { userId: 'secretary-1', seat: 'joint-meeting-secretary' } satisfies Actor,
  finance: { userId: 'finance-1', seat: 'finance-bureau' } satisfies Actor,
  land: { userId: 'land-1', seat: 'land-resources-bureau' } satisfies Actor,
  inspector: (unit: string): Actor => ({ userId: `inspector-${unit}`, seat: 'member-unit-inspector', unit }),
};

export function metaFor(actor: Actor): StepMeta {
  const commandId = randomUUID();
  return { actor, commandId, correlationId: commandId };
}

export interface TownApplication {
  readonly townId: string;
  readonly name: string;
  readonly county: string;
  readonly kind: CandidateKindCode;
  readonly industry: string;
  readonly industryDescription?: string;
}

/** The office's finding on each condition an applicant of this kind declared: confirmed, unless rejected. */
export function conditionFindings(
  policy: PolicyPack,
  kind: CandidateKindCode,
  rejected: readonly string[] = [],
): Record<string, boolean> {
  return Object.fromEntries(
    conditionsFor(policy, kind).map((condition) => [condition.code, !rejected.includes(condition.code)]),
  );
}

/**
 * The land bureau's grant for a year (§III.4): with an area (亩) and its document where the pack
 * records them. `size` scales the area (the synthetic officials pass the year's score).
 */
export function landGrant(policy: PolicyPack, year: number, size = 100): GrantLandSupport['data'] {
  if (!policy.measures?.landGrantArea) return { year };
  return { year, areaMu: Math.max(1, size), reference: `land/${year}` };
}

/**
 * The office's acceptance opinion (§IV.4) with a finding on each criterion of the pack: all met when it
 * recommends acceptance, the first one not met otherwise.
 */
export function acceptanceOpinion(
  policy: PolicyPack,
  accept: boolean,
  opinion: string,
): FormAcceptanceOpinion['data'] {
  const criteria = policy.finalAcceptance.criteria;
  if (!criteria) return { recommendation: accept ? 'accept' : 'reject', opinion };
  const findings = Object.fromEntries(
    criteria.map((criterion, index) => {
      const met = accept || index > 0;
      return [criterion.code, { met, finding: `${criterion.nameZh}：${met ? '达到' : '未达到'}` }];
    }),
  );
  return { recommendation: accept ? 'accept' : 'reject', opinion, findings };
}

/**
 * What officials do, through the same messages the API sends: each call is one workflow Update (or
 * the start of the programme), answered once the fact is stored.
 */
export function programmeOfficials(client: Client, programmeId: string, taskQueue: string) {
  const programmeHandle = (): WorkflowHandle<typeof programmeWorkflow> =>
    client.workflow.getHandle(programmeDecider.streamOf(programmeId));
  const batchHandle = (batchId: string) =>
    client.workflow.getHandle(batchDecider.streamOf(programmeId, batchId, 'unambiguous'));
  const townHandle = (townId: string) => client.workflow.getHandle(townDecider.streamOf(townId));
  const scores = (policy: PolicyPack, score: number): Record<string, number> =>
    Object.fromEntries(policy.selection.criteria.map((criterion) => [criterion.code, score]));
  const recordDefenceScores = (
    batchId: string,
    townId: string,
    criteria: Readonly<Record<string, number>>,
    conditions: Readonly<Record<string, boolean>> = {},
  ) =>
    batchHandle(batchId).executeUpdate(recordDefenceScoreUpdate, {
      args: [{ data: { townId, scores: criteria, conditions }, meta: metaFor(seatHolders.office) }],
    });

  return {
    client,
    programmeHandle,
    batchHandle,
    townHandle,
    startProgramme: (
      policy: PolicyPack,
      limits?: WorkflowLimits,
      options: Pick<ProgrammeWorkflowInput, 'rankingPageTowns' | 'listPageTowns'> = {},
    ) =>
      client.workflow.start(programmeWorkflow, {
        workflowId: programmeDecider.streamOf(programmeId),
        taskQueue,
        args: [{ programmeId, policy, naming: 'unambiguous', ...(limits ? { limits } : {}), ...options }],
      }),
    apply: (batchId: string, town: TownApplication): Promise<ApplicationRecorded> =>
      batchHandle(batchId).executeUpdate(submitApplicationUpdate, {
        args: [{ data: town, meta: metaFor(seatHolders.county(town.county)) }],
      }),
    /** The same score on every criterion, so the weighted score is that score; every condition confirmed. */
    scoreDefence: (
      policy: PolicyPack,
      batchId: string,
      town: Pick<TownApplication, 'townId' | 'kind'>,
      score: number,
    ) =>
      recordDefenceScores(batchId, town.townId, scores(policy, score), conditionFindings(policy, town.kind)),
    /** One score per criterion of the pack, as the defence panel marked them, and its condition findings. */
    recordDefenceScores,
    decideList: (batchId: string, listed: readonly string[]) =>
      batchHandle(batchId).executeUpdate(decideListUpdate, {
        args: [{ data: { listed }, meta: metaFor(seatHolders.secretary) }],
      }),
    publishList: (batchId: string) =>
      batchHandle(batchId).executeUpdate(publishListUpdate, {
        args: [{ data: {}, meta: metaFor(seatHolders.secretary) }],
      }),
    town: (townId: string, actor: Actor, command: TownCommand): Promise<RecordedStep> =>
      townHandle(townId).executeUpdate(townCommandUpdate, { args: [{ command, meta: metaFor(actor) }] }),
    closeProgramme: () =>
      programmeHandle().executeUpdate(closeProgrammeUpdate, {
        args: [{ meta: metaFor(seatHolders.secretary) }],
      }),
    /** Counts and hash for its lists (decision 0068): `programmeStateIn` reads them from the stream. */
    programmeView: () => programmeHandle().query(programmeViewQuery),
    /** The first page of the ratings reported to the programme's run. */
    reportedRatings: async () =>
      (
        await programmeHandle().query(programmeReportedRatingsQuery, {
          offset: 0,
          limit: REPORTED_RATINGS_PAGE,
        })
      ).ratings,
    /** Counts and hash for its collections (decision 0098): `batchStateIn` reads them from the stream. */
    batchView: (batchId: string) => batchHandle(batchId).query(batchViewQuery),
    townView: (townId: string) => townHandle(townId).query(townViewQuery),
  };
}

/** The programme's state, lists and all, as its stream holds it. */
export async function programmeStateIn(
  store: Pick<EventStore, 'readStream'>,
  programmeId: string,
): Promise<ProgrammeState> {
  const events = await store.readStream(programmeDecider.streamOf(programmeId));
  return events.reduce(
    (state, { type, data }) => programmeDecider.evolve(state, { type, data } as ProgrammeEvent),
    programmeDecider.initialState,
  );
}

/**
 * A batch's state, applications, scores and lists and all: its view's, with the collections folded from
 * the batch's stream through the version the view was at, and checked against the view's summary.
 */
export async function batchStateIn(store: EventStore, view: BatchView): Promise<BatchState> {
  const stream = batchDecider.streamOf(view.programmeId, view.batchId, 'unambiguous');
  const { state } = await foldThroughVersion(store, batchDecider, stream, view.streamVersion);
  const members = batchMembersOf(state);
  checkAgainstSummary({ stream, throughVersion: view.streamVersion }, members, view.members);
  return { ...view.state, ...members };
}

export type ProgrammeOfficials = ReturnType<typeof programmeOfficials>;
