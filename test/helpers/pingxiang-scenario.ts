/**
 * The whole Pingxiang programme, run on a rehearsal calendar by the officials of §III.1: two batches,
 * thirteen towns across the seven county-level units, every kind of outcome. The integration test checks
 * it step by step; the history recorder runs it to capture real workflow histories.
 *
 * Dates below are Shanghai wall-clock times on the rehearsal calendar whose first window opens on
 * 1 March 2027: batch 2017 runs in March–April 2027, batch 2018 in March–April 2028, reviews in
 * December 2027–2029, the final acceptance from 1 December 2030.
 */
import { pingxiang2017, rehearsalOf } from '../../domain/policy';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { ProjectProgress } from '../../domain/town';
import type { ProgrammeWorkflowInput } from '../../workflows/programme/programme.messages';
import type { WorkflowLimits } from '../../workflows/shared/continue-as-new';
import {
  acceptanceOpinion,
  programmeOfficials,
  seatHolders,
  type TownApplication,
} from './programme-officials';
import { startTimeSkippingWorld, type TimeSkippingWorld } from '../../apps/simulate/time-skipping-world';
import { testTemporal } from './test-env';

export const REHEARSAL_OPENS_ON = '2027-03-01';

const town = (
  townId: string,
  name: string,
  county: string,
  industry: string,
  kind: TownApplication['kind'] = 'administrative-town',
): TownApplication => ({ townId, name, county, industry, kind });

/** Batch 2017 (applications in March 2027). */
export const A1 = town('anyuan-red-culture', '安源红色文化小镇', '安源区', 'cultural-creativity');
export const A2 = town('anyuan-new-energy', '安源新能源小镇', '安源', 'new-energy', 'innovation-platform');
export const X1 = town('xiangdong-ceramics', '湘东工业陶瓷小镇', '湘东区', 'industrial-ceramics');
export const L1 = town('lianhua-lotus', '莲花荷花小镇', '莲花县', 'leisure-tourism');
export const S1 = town('shangli-fireworks', '上栗花炮小镇', '上栗县', '花炮');
export const U1 = town('luxi-porcelain', '芦溪电瓷小镇', '芦溪县', 'electrical-porcelain');
export const E1 = town(
  'etdz-new-materials',
  '萍乡经开区新材料小镇',
  '经开区',
  'new-materials',
  'innovation-platform',
);
export const W1 = town('wugongshan-tourism', '武功山旅游小镇', '武功山', 'leisure-tourism');
/** Batch 2018 (applications in March 2028). */
export const X2 = town('xiangdong-green-ceramics', '湘东环保陶瓷小镇', '湘东', 'environmental-ceramics');
export const L2 = town('lianhua-biomedicine', '莲花生物医药小镇', '莲花', 'biomedicine');
export const S2 = town('shangli-firecrackers', '上栗鞭炮烟花小镇', '上栗', 'firecrackers');
export const U2 = town('luxi-building-materials', '芦溪建材小镇', '芦溪', 'building-materials');
/**
 * A third town from Anyuan, in an industry the plan does not name (its lists end in "等"): it may
 * apply, but Anyuan's two listed towns fill the county's quota of towns built.
 */
export const A3: TownApplication = {
  ...town('anyuan-third', '安源竹编小镇', '安源区', 'other'),
  industryDescription: '竹编工艺',
};

export const batch2017 = [A1, A2, X1, L1, S1, U1, E1, W1];
export const batch2018 = [X2, L2, S2, U2, A3];
export const allTowns = [...batch2017, ...batch2018];

/** The county code a town's application named (the batch stores codes). */
export const countyCodeOf: Readonly<Record<string, string>> = {
  [A1.townId]: 'anyuan',
  [A2.townId]: 'anyuan',
  [A3.townId]: 'anyuan',
  [X1.townId]: 'xiangdong',
  [X2.townId]: 'xiangdong',
  [L1.townId]: 'lianhua',
  [L2.townId]: 'lianhua',
  [S1.townId]: 'shangli',
  [S2.townId]: 'shangli',
  [U1.townId]: 'luxi',
  [U2.townId]: 'luxi',
  [E1.townId]: 'pingxiang-etdz',
  [W1.townId]: 'wugongshan',
};

/** Defence scores (every criterion the same, so the weighted score is this). */
export const defenceScores: Readonly<Record<string, number>> = {
  [A1.townId]: 90,
  [A2.townId]: 85,
  [X1.townId]: 80,
  [L1.townId]: 75,
  [S1.townId]: 88,
  [U1.townId]: 55,
  [E1.townId]: 92,
  [W1.townId]: 78,
  [X2.townId]: 86,
  [L2.townId]: 72,
  [S2.townId]: 58,
  [U2.townId]: 70,
  [A3.townId]: 91,
};

/** Yearly review scores; a town absent from a year submits no statistics (or has left). */
export const reviewScores: Readonly<Record<number, Readonly<Record<string, number>>>> = {
  2027: {
    [A1.townId]: 92,
    [A2.townId]: 88,
    [X1.townId]: 70,
    [L1.townId]: 40,
    [S1.townId]: 90,
    [E1.townId]: 95,
    [W1.townId]: 75,
  },
  2028: {
    [A1.townId]: 93,
    [A2.townId]: 75,
    [X1.townId]: 72,
    [S1.townId]: 80,
    [E1.townId]: 96,
    [W1.townId]: 92,
    [X2.townId]: 90,
    [L2.townId]: 65,
  },
  2029: {
    [A1.townId]: 94,
    [A2.townId]: 80,
    [X1.townId]: 75,
    [S1.townId]: 82,
    [E1.townId]: 95,
    [W1.townId]: 86,
    [X2.townId]: 94,
    [L2.townId]: 68,
  },
};

export const shanghai = (dateTime: string): string => `${dateTime}+08:00`;

const progress: ProjectProgress = {
  projectsPlanned: 12,
  projectsCompleted: 7,
  investmentPlannedYuan: 600_000_000,
  investmentCompletedYuan: 350_000_000,
};
const planDocuments = (townId: string) => ({
  'special-plan': `doc://${townId}/special-plan`,
  'work-plan': `doc://${townId}/work-plan`,
});

export function pingxiangRehearsal(): PolicyPack {
  return rehearsalOf(pingxiang2017, REHEARSAL_OPENS_ON);
}

/**
 * The programme's officials acting on the rehearsal calendar, one phase per method. Each phase moves
 * the clock to its first date and leaves every message it set off delivered.
 */
export function pingxiangScenario(
  world: TimeSkippingWorld,
  programmeId: string,
  limits?: WorkflowLimits,
  options: Pick<ProgrammeWorkflowInput, 'rankingPageTowns' | 'listPageTowns'> = {},
) {
  const policy = pingxiangRehearsal();
  const officials = programmeOfficials(world.client, programmeId, world.taskQueue);
  const { town: act } = officials;
  const at = async (dateTime: string): Promise<void> => world.advanceTo(shanghai(dateTime));
  const county = (townId: string) => seatHolders.county(countyCodeOf[townId] ?? '');

  const submitPlan = (townId: string) =>
    act(townId, county(townId), { type: 'SubmitPlan', data: { documents: planDocuments(townId) } });
  const approvePlan = (townId: string) => act(townId, seatHolders.office, { type: 'ApprovePlan', data: {} });
  const pay = (townId: string, reward: string) =>
    act(townId, seatHolders.finance, {
      type: 'PayReward',
      data: { reward, paymentRef: `finance/${reward}/${townId}` },
    });
  const submitStatistics = (townId: string, year: number) =>
    act(townId, county(townId), {
      type: 'SubmitYearlyStatistics',
      data: { year, statistics: { output: 1_000_000 * year, jobs: 500 }, projectProgress: progress },
    });
  const rate = (townId: string, year: number, score: number) =>
    act(townId, seatHolders.office, {
      type: 'RateTown',
      data: { year, score, assessment: `${year} review on site` },
    });
  const progressCheck = (townId: string, passed: boolean) =>
    act(townId, seatHolders.office, {
      type: 'RecordProgressCheck',
      data: { passed, findings: passed ? 'on schedule' : 'behind schedule' },
    });
  const each = async (townIds: readonly string[], step: (townId: string) => Promise<unknown>) => {
    for (const townId of townIds) await step(townId);
  };

  async function defence(batchId: string, towns: readonly TownApplication[]) {
    for (const candidate of towns) {
      await officials.scoreDefence(policy, batchId, candidate, defenceScores[candidate.townId] ?? 0);
    }
  }

  async function list(batchId: string, listed: readonly string[]) {
    await officials.decideList(batchId, listed);
    await officials.publishList(batchId);
    await world.settle();
  }

  async function yearlyReview(year: number, reporting: readonly string[]) {
    await at(`${year}-12-05T10:00:00`);
    await each(reporting, (townId) => submitStatistics(townId, year));
  }

  async function rateYear(year: number, leaveUnrated: readonly string[] = []) {
    const rated = Object.keys(reviewScores[year] ?? {}).filter((townId) => !leaveUnrated.includes(townId));
    await each(rated, (townId) => rate(townId, year, reviewScores[year]?.[townId] ?? 0));
    await world.settle();
  }

  /** April 2028: the second batch's defence (the list is left to `listSecondBatch`). */
  async function defendSecondBatch() {
    await at('2028-04-03T10:00:00');
    await defence('2018', batch2018);
  }

  /** The list (Xiangdong's and Lianhua's second towns, Luxi's building materials), rewards and plans. */
  async function listSecondBatch() {
    await list(
      '2018',
      [X2, L2, U2].map((t) => t.townId),
    );
    await at('2028-04-20T10:00:00');
    await each(
      [X2, L2].map((t) => t.townId),
      (townId) => pay(townId, 'listing'),
    );
    await at('2028-05-10T10:00:00');
    await each(
      [X2, L2, U2].map((t) => t.townId),
      submitPlan,
    );
    await each(
      [X2, L2, U2].map((t) => t.townId),
      approvePlan,
    );
  }

  return {
    policy,
    officials,
    act,
    at,
    start: async () => {
      await officials.startProgramme(policy, limits, options);
      await at('2027-03-05T10:00:00');
    },
    /** March 2027: eight towns apply. */
    applyFirstBatch: async () => {
      for (const candidate of batch2017) await officials.apply('2017', candidate);
    },
    /** April 2027: the first batch's defences scored, nothing decided yet. */
    defendFirstBatch: async () => {
      await at('2027-04-06T10:00:00');
      await defence('2017', batch2017);
    },
    /** April 2027: defence, list (all but Luxi's porcelain town) and publication. */
    selectFirstBatch: async () => {
      await at('2027-04-06T10:00:00');
      await defence('2017', batch2017);
      await list(
        '2017',
        [A1, A2, X1, L1, S1, E1, W1].map((t) => t.townId),
      );
    },
    /** Listing rewards, plans (one returned and resubmitted, one late). */
    firstBatchPlanning: async () => {
      await at('2027-04-20T10:00:00');
      await each(
        [A1, A2, X1, L1, S1, E1, W1].map((t) => t.townId),
        (townId) => pay(townId, 'listing'),
      );
      await at('2027-06-10T10:00:00');
      await each(
        [A1, A2, L1, S1, E1, W1].map((t) => t.townId),
        submitPlan,
      );
      await each(
        [A1, A2, L1, S1, E1].map((t) => t.townId),
        approvePlan,
      );
      await act(W1.townId, seatHolders.office, {
        type: 'ReturnPlan',
        data: { reasons: ['游客容量测算不足 / visitor capacity not assessed'] },
      });
      await at('2027-06-20T10:00:00');
      await submitPlan(W1.townId);
      await approvePlan(W1.townId);
      // Xiangdong's plan falls overdue on 6 July; it comes in two days late.
      await at('2027-07-08T10:00:00');
      await submitPlan(X1.townId);
      await approvePlan(X1.townId);
    },
    /**
     * December 2027: the first yearly review; Lianhua's lotus town is rated unqualified and exits. The
     * towns in `leaveUnrated` submit their statistics but the office does not rate them here.
     */
    review2027: async (leaveUnrated: readonly string[] = []) => {
      await yearlyReview(
        2027,
        [A1, A2, X1, L1, S1, E1, W1].map((t) => t.townId),
      );
      await at('2027-12-10T10:00:00');
      await rateYear(2027, leaveUnrated);
    },
    /** March–April 2028: the second batch; the programme-wide quota now counts the towns listed in 2017. */
    applySecondBatch: async () => {
      await at('2028-03-03T10:00:00');
      for (const candidate of batch2018) await officials.apply('2018', candidate);
    },
    defendSecondBatch,
    listSecondBatch,
    selectSecondBatch: async () => {
      await defendSecondBatch();
      await listSecondBatch();
    },
    /**
     * June 2028: the province answers the 2027 recommendations (§I.3 "列入省级特色小镇"): it lists the
     * development zone's new-materials town and Anyuan's red-culture town, not Shangli's fireworks town.
     */
    provincialAnswers2027: async () => {
      await at('2028-06-15T10:00:00');
      for (const [candidate, listed] of [
        [E1, true],
        [A1, true],
        [S1, false],
      ] as const) {
        await act(candidate.townId, seatHolders.office, {
          type: 'RecordProvincialDecision',
          data: { reviewYear: 2027, listed, reference: '赣特镇办〔2028〕3号' },
        });
      }
      await world.settle();
    },
    /** December 2028: Luxi's building-materials town sends no statistics and is rated unqualified. */
    review2028: async () => {
      await yearlyReview(
        2028,
        [A1, A2, X1, S1, E1, W1, X2, L2].map((t) => t.townId),
      );
      await at('2028-12-18T10:00:00');
      await rateYear(2028);
    },
    /** March 2029: the two-year check of batch 2017 (Wugongshan's is never held), then reward 2. */
    progressFirstBatch: async () => {
      await at('2029-03-10T10:00:00');
      await each(
        [A1, A2, X1, S1, E1].map((t) => t.townId),
        (townId) => progressCheck(townId, true),
      );
      await at('2029-03-20T10:00:00');
      await each(
        [A1, A2, X1, S1, E1].map((t) => t.townId),
        (townId) => pay(townId, 'progress'),
      );
      await at('2029-04-10T10:00:00');
    },
    review2029: async () => {
      await yearlyReview(
        2029,
        [A1, A2, X1, S1, E1, W1, X2, L2].map((t) => t.townId),
      );
      await at('2029-12-10T10:00:00');
      await rateYear(2029);
    },
    /**
     * March 2030: batch 2018's check: Xiangdong passes; Lianhua's biomedicine town fails and, not taken
     * again within the two years, does not earn the second reward.
     */
    progressSecondBatch: async () => {
      await at('2030-03-10T10:00:00');
      await progressCheck(X2.townId, true);
      await progressCheck(L2.townId, false);
      await at('2030-03-20T10:00:00');
      await pay(X2.townId, 'progress');
    },
    /** December 2030: member units inspect, the office forms opinions, the joint meeting deliberates. */
    finalAcceptance: async (notAccepted: readonly string[]) => {
      await at('2030-12-03T10:00:00');
      const towns = [A1, A2, X1, S1, E1, W1, X2, L2].map((t) => t.townId);
      for (const townId of towns) {
        for (const unit of ['construction', 'development-reform']) {
          await act(townId, seatHolders.inspector(unit), {
            type: 'RecordSiteInspection',
            data: { unit, satisfactory: !notAccepted.includes(townId), findings: `${unit} on site` },
          });
        }
        const accept = !notAccepted.includes(townId);
        await act(townId, seatHolders.office, {
          type: 'FormAcceptanceOpinion',
          data: acceptanceOpinion(policy, accept, accept ? '达到验收要求' : '未达到验收要求'),
        });
        await act(townId, seatHolders.secretary, {
          type: 'RecordAcceptanceDeliberation',
          data: { accepted: accept, minutesRef: `minutes/2030-12/${townId}` },
        });
      }
      await world.settle();
    },
    close: async () => {
      await at('2030-12-20T10:00:00');
      await officials.closeProgramme();
    },
  };
}

export type PingxiangScenario = ReturnType<typeof pingxiangScenario>;

/**
 * A world of its own with the programme run as far as the first batch's plans (spring 2027), where the
 * tests of the first year's rounds begin. The caller closes the world.
 */
export async function pingxiangUpToFirstPlans(
  programmeId: string,
  limits?: WorkflowLimits,
  options: Pick<ProgrammeWorkflowInput, 'rankingPageTowns' | 'listPageTowns'> = {},
): Promise<{ world: TimeSkippingWorld; scenario: PingxiangScenario }> {
  const world = await startTimeSkippingWorld({ workflowBundlePath: testTemporal().workflowBundlePath });
  const scenario = pingxiangScenario(world, programmeId, limits, options);
  try {
    await scenario.start();
    await scenario.applyFirstBatch();
    await scenario.selectFirstBatch();
    await scenario.firstBatchPlanning();
  } catch (error) {
    await world.close();
    throw error;
  }
  return { world, scenario };
}
