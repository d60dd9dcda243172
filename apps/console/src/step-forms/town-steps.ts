import { api } from '../api/api-client';
import type { components, paths } from '../api/generated/openapi';
import { unwrap } from '../api/problem';

type Schemas = components['schemas'];
export type RecordedStep = Schemas['RecordedStepDto'];

/** What a step's form sends besides its body: the town, a path parameter, the idempotency key. */
export interface StepTarget {
  readonly townId: string;
  readonly year?: number;
  readonly reward?: string;
  readonly projectId?: string;
  readonly idempotencyKey: string;
}

export interface TownStep<Body> {
  /** The operation, as the API documents it: its body schema and validator are looked up by it. */
  readonly operation: string;
  /** A path parameter the form asks for (which review year, which reward, which project). */
  readonly pathField?: 'year' | 'reward' | 'projectId';
  send(target: StepTarget, body: Body): Promise<RecordedStep>;
}

type RewardPath =
  paths['/api/towns/{townId}/rewards/{reward}/payment']['post']['parameters']['path']['reward'];
/** The reward the form chose among the document's own (the form offers no other). */
const rewardOf = (target: StepTarget) => (target.reward ?? '') as RewardPath;
const headers = (target: StepTarget) => ({ 'Idempotency-Key': target.idempotencyKey });
const town = (target: StepTarget) => ({ path: { townId: target.townId } });
const review = (target: StepTarget) => ({ path: { townId: target.townId, year: target.year ?? 0 } });
const project = (target: StepTarget) => ({
  path: { townId: target.townId, projectId: target.projectId ?? '' },
});

/** Every official step on a town: its documented operation and the typed call that sends it. */
export const townSteps = {
  PayReward: {
    operation: 'post /api/towns/{townId}/rewards/{reward}/payment',
    pathField: 'reward',
    send: (target, body: Schemas['PayRewardDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/rewards/{reward}/payment', {
          params: { path: { townId: target.townId, reward: rewardOf(target) } },
          body,
          headers: headers(target),
        }),
      ),
  },
  SubmitPlan: {
    operation: 'post /api/towns/{townId}/plan',
    send: (target, body: Schemas['SubmitPlanDto']) =>
      unwrap(api.POST('/api/towns/{townId}/plan', { params: town(target), body, headers: headers(target) })),
  },
  ApprovePlan: {
    operation: 'post /api/towns/{townId}/plan/approval',
    send: (target, body: Schemas['ApprovePlanDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/plan/approval', {
          params: town(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  ReturnPlan: {
    operation: 'post /api/towns/{townId}/plan/return',
    send: (target, body: Schemas['ReturnPlanDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/plan/return', { params: town(target), body, headers: headers(target) }),
      ),
  },
  GrantPlanExtension: {
    operation: 'post /api/towns/{townId}/plan/extension',
    send: (target, body: Schemas['GrantPlanExtensionDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/plan/extension', {
          params: town(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  SubmitYearlyStatistics: {
    operation: 'post /api/towns/{townId}/reviews/{year}/statistics',
    pathField: 'year',
    send: (target, body: Schemas['SubmitStatisticsDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/reviews/{year}/statistics', {
          params: review(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  GrantStatisticsExtension: {
    operation: 'post /api/towns/{townId}/reviews/{year}/statistics-extension',
    pathField: 'year',
    send: (target, body: Schemas['NoDataDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/reviews/{year}/statistics-extension', {
          params: review(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RateTown: {
    operation: 'post /api/towns/{townId}/reviews/{year}/rating',
    pathField: 'year',
    send: (target, body: Schemas['RateTownDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/reviews/{year}/rating', {
          params: review(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  GrantLandSupport: {
    operation: 'post /api/towns/{townId}/reviews/{year}/land-support',
    pathField: 'year',
    send: (target, body: Schemas['LandGrantDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/reviews/{year}/land-support', {
          params: review(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RecordObservationRecheck: {
    operation: 'post /api/towns/{townId}/observation-recheck',
    send: (target, body: Schemas['CheckOutcomeDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/observation-recheck', {
          params: town(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RecordProgressCheck: {
    operation: 'post /api/towns/{townId}/progress-check',
    send: (target, body: Schemas['CheckOutcomeDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/progress-check', {
          params: town(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RecordProvincialRecommendation: {
    operation: 'post /api/towns/{townId}/provincial-recommendation',
    send: (target, body: Schemas['ProvincialRecommendationDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/provincial-recommendation', {
          params: town(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RecordProvincialDecision: {
    operation: 'post /api/towns/{townId}/provincial-decision',
    send: (target, body: Schemas['ProvincialDecisionDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/provincial-decision', {
          params: town(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RegisterProject: {
    operation: 'post /api/towns/{townId}/projects',
    send: (target, body: Schemas['RegisterProjectDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/projects', { params: town(target), body, headers: headers(target) }),
      ),
  },
  ScheduleKeyProject: {
    operation: 'post /api/towns/{townId}/projects/{projectId}/key-schedule',
    pathField: 'projectId',
    send: (target, body: Schemas['KeyScheduleDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/projects/{projectId}/key-schedule', {
          params: project(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RecordProjectApproval: {
    operation: 'post /api/towns/{townId}/projects/{projectId}/approvals',
    pathField: 'projectId',
    send: (target, body: Schemas['ProjectApprovalDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/projects/{projectId}/approvals', {
          params: project(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RecordProjectProgress: {
    operation: 'post /api/towns/{townId}/projects/{projectId}/progress',
    pathField: 'projectId',
    send: (target, body: Schemas['ProjectProgressUpdateDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/projects/{projectId}/progress', {
          params: project(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RecordFunding: {
    operation: 'post /api/towns/{townId}/funding',
    send: (target, body: Schemas['RecordFundingDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/funding', { params: town(target), body, headers: headers(target) }),
      ),
  },
  RecordSiteInspection: {
    operation: 'post /api/towns/{townId}/acceptance/inspections',
    send: (target, body: Schemas['SiteInspectionDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/acceptance/inspections', {
          params: town(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  FormAcceptanceOpinion: {
    operation: 'post /api/towns/{townId}/acceptance/opinion',
    send: (target, body: Schemas['AcceptanceOpinionDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/acceptance/opinion', {
          params: town(target),
          body,
          headers: headers(target),
        }),
      ),
  },
  RecordAcceptanceDeliberation: {
    operation: 'post /api/towns/{townId}/acceptance/deliberation',
    send: (target, body: Schemas['AcceptanceDeliberationDto']) =>
      unwrap(
        api.POST('/api/towns/{townId}/acceptance/deliberation', {
          params: town(target),
          body,
          headers: headers(target),
        }),
      ),
  },
} satisfies Record<string, TownStep<never>>;

export type TownStepType = keyof typeof townSteps;

export function isTownStep(type: string): type is TownStepType {
  return Object.hasOwn(townSteps, type);
}
