/**
 * Builds a town's history by running the real decider step by step, so specifications start from
 * histories the system could really have produced.
 */
import { jiangxiStyleObservation, pingxiang2017 } from '../../../../domain/policy';
import type { PolicyPack } from '../../../../domain/policy';
import {
  decideTown,
  evolveTown,
  initialTownState,
  type FormAcceptanceOpinion,
  TownCommand,
  TownEvent,
  TownState,
} from '../../../../domain/town';
import { contextFor } from '../../../helpers/given-when-then';

export const APPLIED_2017 = '2017-03-20T10:00:00+08:00';
export const PUBLISHED_2017 = '2017-04-28T10:00:00+08:00';
/** 28 July 2017 23:59:59.999 in Shanghai: three calendar months after publication, whole day. */
export const PLAN_DUE_2017 = '2017-07-28T15:59:59.999Z';
export const APPLIED_2018 = '2018-03-22T09:00:00+08:00';
export const PUBLISHED_2018 = '2018-04-27T16:00:00+08:00';

export const COUNTY = 'shangli';
export const progress = {
  projectsPlanned: 10,
  projectsCompleted: 6,
  investmentPlannedYuan: 5e8,
  investmentCompletedYuan: 3e8,
};

/** The Pingxiang pack's four acceptance criteria (§IV.4), each found met or not. */
export const ACCEPTANCE_CRITERIA = ['targets-met', 'characteristic-town', 'renown', 'recognition'];

/** An opinion with a finding on every criterion: all met when it recommends acceptance. */
export function acceptanceOpinion(
  recommendation: 'accept' | 'reject',
  opinion: string,
  unmet: readonly string[] = recommendation === 'accept' ? [] : ['targets-met'],
): FormAcceptanceOpinion {
  const findings = Object.fromEntries(
    ACCEPTANCE_CRITERIA.map((code) => [code, { met: !unmet.includes(code), finding: `${code}: ${opinion}` }]),
  );
  return { type: 'FormAcceptanceOpinion', data: { recommendation, opinion, findings } };
}

export class TownStory {
  events: TownEvent[] = [];
  state: TownState = initialTownState;
  readonly at: ReturnType<typeof contextFor>;

  constructor(readonly policy: PolicyPack = pingxiang2017) {
    this.at = contextFor(policy);
  }

  do(command: TownCommand, now: string, seat: string, county?: string): this {
    const ctx = this.at(now, seat, county === undefined ? {} : { county });
    const events = decideTown(command, this.state, ctx);
    this.events.push(...events);
    this.state = events.reduce(evolveTown, this.state);
    return this;
  }

  /** A member unit's inspection, recorded by an inspector of that unit. */
  inspected(unit: string, now: string, satisfactory = true): this {
    const command: TownCommand = {
      type: 'RecordSiteInspection',
      data: { unit, satisfactory, findings: `${unit} visited` },
    };
    const events = decideTown(command, this.state, this.at(now, 'member-unit-inspector', { unit }));
    this.events.push(...events);
    this.state = events.reduce(evolveTown, this.state);
    return this;
  }

  applied(batchId = '2017', now = APPLIED_2017): this {
    return this.do(
      {
        type: 'ApplyForTown',
        data: {
          townId: 'town-1',
          batchId,
          name: '上栗花炮小镇',
          county: '上栗县',
          kind: 'administrative-town',
          industry: '花炮',
        },
      },
      now,
      'county-official',
      COUNTY,
    );
  }

  listed(batchId = '2017', publishedAt = PUBLISHED_2017): this {
    return this.do(
      { type: 'RecordSelection', data: { batchId, listed: true, publishedAt, weightedScore: 88.5 } },
      publishedAt,
      'joint-meeting-secretary',
    );
  }

  planSubmitted(now: string): this {
    return this.do(
      {
        type: 'SubmitPlan',
        data: { documents: { 'special-plan': 'doc://plan', 'work-plan': 'doc://work' } },
      },
      now,
      'county-official',
      COUNTY,
    );
  }

  planApproved(now = '2017-07-10T10:00:00+08:00'): this {
    return this.planSubmitted(now).do({ type: 'ApprovePlan', data: {} }, now, 'joint-meeting-office');
  }

  /** Final acceptance started by the scheduler on 1 December 2020 (§IV.4). */
  acceptanceStarted(): this {
    return this.do({ type: 'StartFinalAcceptance', data: {} }, '2020-12-01T00:00:00+08:00', 'system');
  }

  reviewOpened(year: number): this {
    return this.do({ type: 'OpenYearlyReview', data: { year } }, `${year}-12-01T00:00:00+08:00`, 'system');
  }

  statisticsSubmitted(year: number): this {
    return this.do(
      {
        type: 'SubmitYearlyStatistics',
        data: { year, statistics: { output: 1000 }, projectProgress: progress },
      },
      `${year}-12-10T10:00:00+08:00`,
      'county-official',
      COUNTY,
    );
  }

  rated(year: number, score: number): this {
    return this.reviewOpened(year)
      .statisticsSubmitted(year)
      .do(
        { type: 'RateTown', data: { year, score, assessment: 'on site' } },
        `${year}-12-20T10:00:00+08:00`,
        'joint-meeting-office',
      );
  }

  /** Applied and listed in 2017 with the plan approved. */
  static cultivating(policy: PolicyPack = pingxiang2017): TownStory {
    return new TownStory(policy).applied().listed().planApproved();
  }

  static underObservationPack(): TownStory {
    return TownStory.cultivating(jiangxiStyleObservation);
  }
}
