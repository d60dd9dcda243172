/**
 * What an application names, checked against the pack the same way by the batch that receives it and
 * the town that records it: the county, the kind of candidate, the industry (the listed ones, or
 * `other` described where the list is open, §II.2 "等") and the conditions the applicant declares
 * (§IV.1 申报条件, where the pack sets them).
 */
import { OTHER_INDUSTRY, type CandidateKindCode } from '../policy/policy-pack.codes';
import type { ApplicationCondition, CountyRule, PolicyPack } from '../policy/policy-pack.schema';
import { findCounty, findIndustry, findKind } from '../policy/policy-rules';
import { DomainRefusal, refuse } from './domain-refusal';

/** What a county names when it applies for a town (the town and batch ids aside). */
export interface ApplicationInput {
  readonly name: string;
  /** County code, Chinese name or alias; stored as the code. */
  readonly county: string;
  readonly kind: CandidateKindCode;
  /** Industry code or Chinese name; stored as the code. `other` where the pack's list is open. */
  readonly industry: string;
  /** Only with `industry: 'other'`: what the industry is. */
  readonly industryDescription?: string;
  /** Per condition code, how the town meets it; applying declares every condition that applies. */
  readonly declarations?: Readonly<Record<string, string>>;
}

/** One condition the applicant declared, with the statement it gave (or none). */
export interface DeclaredCondition {
  readonly code: string;
  readonly statement: string | null;
}

/** The application's fields in the form the events record them; optional ones only where they apply. */
export interface CheckedApplication {
  readonly name: string;
  readonly county: CountyRule;
  readonly kind: CandidateKindCode;
  readonly industry: string;
  readonly industryDescription?: string;
  readonly declaredConditions?: DeclaredCondition[];
}

/** The pack's conditions an applicant of this kind declares; empty where the pack sets none. */
export function conditionsFor(policy: PolicyPack, kind: CandidateKindCode): ApplicationCondition[] {
  return (policy.application?.conditions ?? []).filter(
    (condition) => condition.kinds === undefined || condition.kinds.includes(kind),
  );
}

function checkName(name: string): string {
  if (name.trim() === '') throw refuse('NAME_REQUIRED', { field: 'name' });
  return name.trim();
}

function checkCounty(policy: PolicyPack, county: string): CountyRule {
  const rule = findCounty(policy, county);
  if (!rule) throw refuse('COUNTY_UNKNOWN', { field: 'county', value: county });
  return rule;
}

function checkKind(policy: PolicyPack, kind: string): CandidateKindCode {
  const rule = findKind(policy, kind);
  if (!rule) throw refuse('KIND_UNKNOWN', { field: 'kind', value: kind });
  return rule.code;
}

function checkIndustry(
  policy: PolicyPack,
  industry: string,
  description: string | undefined,
): Pick<CheckedApplication, 'industry' | 'industryDescription'> {
  const other = policy.application?.otherIndustries === true && industry.trim() === OTHER_INDUSTRY;
  if (other) {
    const described = description?.trim() ?? '';
    if (described === '') throw refuse('INDUSTRY_DESCRIPTION_REQUIRED', { field: 'industryDescription' });
    return { industry: OTHER_INDUSTRY, industryDescription: described };
  }
  const rule = findIndustry(policy, industry);
  if (!rule) throw refuse('INDUSTRY_UNKNOWN', { field: 'industry', value: industry });
  if (description !== undefined) {
    throw refuse('INDUSTRY_DESCRIPTION_NOT_EXPECTED', { field: 'industryDescription' });
  }
  return { industry: rule.code };
}

/** Each condition declared that the pack does not set for this kind, refused by its own field. */
function unknownDeclarations(
  policy: PolicyPack,
  kind: CandidateKindCode,
  declarations: Readonly<Record<string, unknown>>,
): DomainRefusal[] {
  const codes = conditionsFor(policy, kind).map((condition) => condition.code);
  return Object.keys(declarations)
    .filter((code) => !codes.includes(code))
    .map((code) => refuse('CONDITION_UNKNOWN', { field: `declarations.${code}`, condition: code }));
}

function declare(
  policy: PolicyPack,
  kind: CandidateKindCode,
  declarations: Readonly<Record<string, string>>,
): DeclaredCondition[] | undefined {
  const [unknown] = unknownDeclarations(policy, kind, declarations);
  if (unknown) throw unknown;
  const conditions = conditionsFor(policy, kind);
  if (conditions.length === 0) return undefined;
  return conditions.map(({ code }) => ({ code, statement: declarations[code]?.trim() || null }));
}

/** The refusal `check` throws, if it throws one. */
function refusalOf(check: () => unknown): DomainRefusal[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof DomainRefusal) return [error];
    throw error;
  }
}

/**
 * Every field of an application the pack refuses, each by its own refusal, where `checkApplication`
 * stops at the first: for an edge that names them all at once. Fields not given are not looked at.
 */
export function applicationRefusals(
  policy: PolicyPack,
  input: Partial<Omit<ApplicationInput, 'kind' | 'declarations'>> & {
    readonly kind?: string;
    readonly declarations?: Readonly<Record<string, unknown>>;
  },
): DomainRefusal[] {
  const { name, county, kind, industry, industryDescription, declarations } = input;
  const kindCode = kind === undefined ? undefined : findKind(policy, kind)?.code;
  return [
    ...(name === undefined ? [] : refusalOf(() => checkName(name))),
    ...(county === undefined ? [] : refusalOf(() => checkCounty(policy, county))),
    ...(kind === undefined ? [] : refusalOf(() => checkKind(policy, kind))),
    ...(industry === undefined ? [] : refusalOf(() => checkIndustry(policy, industry, industryDescription))),
    ...(kindCode === undefined || declarations === undefined
      ? []
      : unknownDeclarations(policy, kindCode, declarations)),
  ];
}

/** The facts an application records only where they apply: an `other` industry, the declarations. */
export function applicationExtras(
  checked: Pick<CheckedApplication, 'industryDescription' | 'declaredConditions'>,
): Pick<CheckedApplication, 'industryDescription' | 'declaredConditions'> {
  const { industryDescription, declaredConditions } = checked;
  return {
    ...(industryDescription === undefined ? {} : { industryDescription }),
    ...(declaredConditions === undefined ? {} : { declaredConditions }),
  };
}

export function checkApplication(policy: PolicyPack, input: ApplicationInput): CheckedApplication {
  const name = checkName(input.name);
  const county = checkCounty(policy, input.county);
  const kind = checkKind(policy, input.kind);
  const industry = checkIndustry(policy, input.industry, input.industryDescription);
  const declaredConditions = declare(policy, kind, input.declarations ?? {});
  return { name, county, kind, ...industry, ...(declaredConditions ? { declaredConditions } : {}) };
}
