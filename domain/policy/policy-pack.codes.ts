/**
 * The fixed vocabularies of a policy pack, without its schema: domain code that only needs a code list
 * imports it from here, so loading it does not build the pack's validator (policy-pack.schema.ts).
 */
export const candidateKindCodes = ['administrative-town', 'innovation-platform'] as const;
export type CandidateKindCode = (typeof candidateKindCodes)[number];

export const rewardTriggers = ['listed', 'progress-check-passed'] as const;
export const ratingConsequences = ['continue', 'observation', 'exit'] as const;
export const rankingKeys = ['consecutive-eligible-years', 'total-eligible-years', 'score'] as const;
export type RankingKey = (typeof rankingKeys)[number];
export const applicationCaps = ['within-listing-quota', 'unlimited'] as const;
export const recommendAgainRules = ['never', 'until-listed'] as const;
export const fundingLevels = ['county', 'township', 'city'] as const;
export const fundingRecorders = ['county-official', 'finance-bureau'] as const;
/** The code an application names for an industry outside the pack's list, where the list is open. */
export const OTHER_INDUSTRY = 'other';
