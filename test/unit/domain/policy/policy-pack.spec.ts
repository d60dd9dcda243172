import {
  canonicalJson,
  definePolicyPack,
  findCounty,
  findPolicy,
  findPolicyVersion,
  jiangxiStyleObservation,
  jiangxiStyleObservationContent,
  jiangxiStyleObservationFirstEdition,
  parsePolicyPack,
  pingxiang2017,
  pingxiang2017Content,
  pingxiang2017FirstEdition,
  policyIds,
  policyIssues,
  policyPackContentSchema,
  policyVersion,
  ratingForScore,
  requirePolicy,
} from '../../../../domain/policy';
import type { PolicyPackContent } from '../../../../domain/policy';
import { DomainRefusal } from '../../../../domain/shared/domain-refusal';
import { containing } from '../../../helpers/given-when-then';

const copy = (): PolicyPackContent => JSON.parse(JSON.stringify(pingxiang2017Content)) as PolicyPackContent;

describe('policy version', () => {
  it('is the hex SHA-256 of the canonical JSON without the version field', () => {
    expect(pingxiang2017.version).toMatch(/^[0-9a-f]{64}$/);
    expect(policyVersion(pingxiang2017)).toBe(pingxiang2017.version);
    // sha256("{}") — the canonical form of an empty object, as a fixed point of the hashing.
    expect(policyVersion({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('is stable under key order and reserialisation', () => {
    const shuffled = Object.fromEntries(Object.entries(copy()).reverse());
    expect(canonicalJson(shuffled)).toBe(canonicalJson(pingxiang2017Content));
    expect(definePolicyPack(shuffled).version).toBe(pingxiang2017.version);
    expect(definePolicyPack(JSON.parse(JSON.stringify(pingxiang2017)) as unknown).version).toBe(
      pingxiang2017.version,
    );
  });

  it.each<[string, (pack: PolicyPackContent) => void]>([
    ['the listing reward', (pack) => void (pack.rewards[0] = { ...pack.rewards[0]!, amountYuan: 1_000_001 })],
    ['the county quota', (pack) => void (pack.quota.maxTownsPerCounty = 3)],
    ['the plan deadline', (pack) => void (pack.planning.dueWithinMonths = 2)],
    ['a score band', (pack) => void (pack.yearlyReview.ratings[0]!.minScore = 90)],
    ['the holiday rule', (pack) => void (pack.calendar.holidaysShiftDeadlines = true)],
    ['a county alias', (pack) => void pack.counties[0]!.aliases.push('安源区政府')],
  ])('changes when %s changes', (_rule, change) => {
    const changed = copy();
    change(changed);
    expect(definePolicyPack(changed).version).not.toBe(pingxiang2017.version);
  });

  it('tells the two packs apart', () => {
    expect(jiangxiStyleObservation.version).not.toBe(pingxiang2017.version);
  });

  it('refuses a pack whose claimed version is not its hash', () => {
    expect(() => parsePolicyPack({ ...pingxiang2017, version: 'f'.repeat(64) })).toThrow(
      containing({ code: 'POLICY_VERSION_MISMATCH' }),
    );
    expect(parsePolicyPack(JSON.parse(JSON.stringify(pingxiang2017)) as unknown)).toEqual(pingxiang2017);
  });
});

describe('policy schema', () => {
  const pathsOf = (pack: unknown): string[] => policyIssues(pack).map((issue) => issue.path);

  it('accepts both packs', () => {
    expect(policyIssues(pingxiang2017Content)).toEqual([]);
    expect(policyIssues(jiangxiStyleObservationContent)).toEqual([]);
  });

  it.each<[string, (pack: PolicyPackContent) => void, string]>([
    ['a non-ASCII county code', (pack) => void (pack.counties[2]!.code = '莲花'), 'counties.2.code'],
    ['a negative reward', (pack) => void (pack.rewards[1]!.amountYuan = -5), 'rewards.1.amountYuan'],
    [
      'a date that does not exist',
      (pack) => void (pack.batches[0]!.applicationClosesOn = '2017-02-30'),
      'batches.0.applicationClosesOn',
    ],
    [
      'a list before the window closes',
      (pack) => void (pack.batches[1]!.listPublishedBy = '2018-03-15'),
      'batches.1.listPublishedBy',
    ],
    [
      'weights not adding up to 100',
      (pack) => void (pack.selection.criteria[0]!.weightPercent = 20),
      'selection.criteria',
    ],
    [
      'score bands out of order',
      (pack) => void (pack.yearlyReview.ratings[1]!.minScore = 90),
      'yearlyReview.ratings.1.minScore',
    ],
    [
      'an unknown eligible rating',
      (pack) => void (pack.provincialRecommendation.eligibleRatings = ['outstanding']),
      'provincialRecommendation.eligibleRatings.0',
    ],
    [
      'an unknown missing-statistics rating',
      (pack) => void (pack.yearlyReview.missingStatistics.rating = 'failed'),
      'yearlyReview.missingStatistics.rating',
    ],
    [
      'min above max recommended',
      (pack) => void (pack.provincialRecommendation.minTowns = 6),
      'provincialRecommendation.minTowns',
    ],
    [
      'an unknown late-plan rule',
      (pack) => void ((pack.planning as { lateSubmission: string }).lateSubmission = 'ignore'),
      'planning.lateSubmission',
    ],
    [
      'another time zone',
      (pack) => void ((pack as { timezone: string }).timezone = 'Asia/Tokyo'),
      'timezone',
    ],
    [
      'a misspelt parameter',
      (pack) => void ((pack.quota as Record<string, unknown>)['maxTownPerCounty'] = 2),
      'quota',
    ],
  ])('rejects %s with the path of the bad field', (_case, breakIt, path) => {
    const broken = copy();
    breakIt(broken);
    expect(pathsOf(broken)).toContain(path);
    expect(policyPackContentSchema.safeParse(broken).success).toBe(false);
  });

  it('requires observation rules when a rating leads to observation', () => {
    expect(
      pathsOf({
        ...jiangxiStyleObservationContent,
        yearlyReview: { ...jiangxiStyleObservationContent.yearlyReview, observation: null },
      }),
    ).toContain('yearlyReview.observation');
  });

  it('throws a typed refusal listing the bad paths', () => {
    const broken = copy();
    broken.progressCheck.withinMonths = 0;
    try {
      definePolicyPack(broken);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainRefusal);
      expect(error).toMatchObject({
        code: 'POLICY_INVALID',
        details: { paths: ['progressCheck.withinMonths'] },
      });
    }
  });

  it('freezes a defined pack so no one can change a rule under its version', () => {
    expect(Object.isFrozen(pingxiang2017.quota)).toBe(true);
    expect(() => {
      (pingxiang2017.quota as { maxTownsPerCounty: number }).maxTownsPerCounty = 9;
    }).toThrow(TypeError);
  });
});

describe('the Pingxiang 2017 pack', () => {
  it('lists the seven counties and districts with ASCII codes, found by code, name or alias', () => {
    expect(pingxiang2017.counties.map((county) => [county.code, county.nameZh])).toEqual([
      ['anyuan', '安源区'],
      ['xiangdong', '湘东区'],
      ['lianhua', '莲花县'],
      ['shangli', '上栗县'],
      ['luxi', '芦溪县'],
      ['pingxiang-etdz', '萍乡经济技术开发区'],
      ['wugongshan', '武功山风景名胜区'],
    ]);
    expect(findCounty(pingxiang2017, '武功山')?.code).toBe('wugongshan');
    expect(findCounty(pingxiang2017, 'LUXI')?.code).toBe('luxi');
    expect(findCounty(pingxiang2017, '宜春市')).toBeUndefined();
  });

  it('encodes the rules of the plan', () => {
    expect(pingxiang2017.candidateKinds.map((kind) => kind.code)).toEqual([
      'administrative-town',
      'innovation-platform',
    ]);
    // §I.2 caps the towns built (listed), not the applications; an exit gives the place back (default).
    expect(pingxiang2017.quota).toEqual({
      minTownsPerCounty: 1,
      maxTownsPerCounty: 2,
      applications: 'unlimited',
      exitFreesPlace: true,
    });
    expect(pingxiang2017.application?.otherIndustries).toBe(true);
    expect(pingxiang2017.batches.map((batch) => [batch.applicationClosesOn, batch.listPublishedBy])).toEqual([
      ['2017-03-31', '2017-04-30'],
      ['2018-03-31', '2018-04-30'],
    ]);
    expect(pingxiang2017.rewards.map((reward) => [reward.trigger, reward.amountYuan])).toEqual([
      ['listed', 1_000_000],
      ['progress-check-passed', 1_000_000],
    ]);
    expect(pingxiang2017.planning.dueWithinMonths).toBe(3);
    expect(pingxiang2017.progressCheck.withinMonths).toBe(24);
    expect(pingxiang2017.progressCheck).toMatchObject({
      retakeAfterFailure: true,
      requiresApprovedPlan: false,
    });
    // §IV.3 every excellent town goes forward; §I.3's 3–5 is the target for the province's list.
    expect(pingxiang2017.provincialRecommendation).toMatchObject({
      minTowns: 3,
      maxTowns: 5,
      eligibleRatings: ['excellent'],
      maxRecommended: null,
      recommendAgain: 'until-listed',
    });
    expect(pingxiang2017.finalAcceptance.startsOn).toBe('2020-12-01');
    expect(pingxiang2017.finalAcceptance.criteria?.map((criterion) => criterion.code)).toEqual([
      'targets-met',
      'characteristic-town',
      'renown',
      'recognition',
    ]);
    expect(pingxiang2017.measures?.cityFunds).toEqual([
      containing({ code: 'sponge-towns', amountYuan: 100_000_000 }),
    ]);
    expect(pingxiang2017.industries).toHaveLength(12);
    expect(pingxiang2017.memberUnits).toHaveLength(16);
  });

  it('turns scores into ratings by its bands', () => {
    expect(ratingForScore(pingxiang2017, 85).code).toBe('excellent');
    expect(ratingForScore(pingxiang2017, 84.9).code).toBe('qualified');
    expect(ratingForScore(pingxiang2017, 60).code).toBe('qualified');
    expect(ratingForScore(pingxiang2017, 59.99).code).toBe('unqualified');
  });
});

describe('policy registry', () => {
  it('finds packs by id, and by id and version', () => {
    expect(policyIds).toEqual(['pingxiang-2017', 'jiangxi-style-observation']);
    expect(findPolicy('pingxiang-2017')).toBe(pingxiang2017);
    expect(findPolicy('zhejiang-2015')).toBeUndefined();
    expect(findPolicyVersion('pingxiang-2017', pingxiang2017.version)).toBe(pingxiang2017);
    expect(findPolicyVersion('pingxiang-2017', jiangxiStyleObservation.version)).toBeUndefined();
  });

  it('keeps the first editions, which events decided before the faithful readings name', () => {
    // The versions recorded with every event of the first editions: they must never change.
    expect(pingxiang2017FirstEdition.version).toBe(
      '87e9b5a1a5fec0c57de0b45913f0a559cce7ab304f1a319f48918d6bb64bec8c',
    );
    expect(jiangxiStyleObservationFirstEdition.version).toBe(
      'c05f48d2a4650ef97e4d2f7a87c05b0d7bf00494813667f476d13b8089f16945',
    );
    expect(findPolicyVersion('pingxiang-2017', pingxiang2017FirstEdition.version)).toBe(
      pingxiang2017FirstEdition,
    );
    expect(findPolicy('pingxiang-2017')).toBe(pingxiang2017);
    expect(pingxiang2017.version).not.toBe(pingxiang2017FirstEdition.version);
  });
});

describe('requirePolicy', () => {
  it('returns a known pack and refuses an unknown id', () => {
    expect(requirePolicy('jiangxi-style-observation')).toBe(jiangxiStyleObservation);
    expect(() => requirePolicy('nowhere')).toThrow(containing({ code: 'POLICY_UNKNOWN' }));
  });
});
