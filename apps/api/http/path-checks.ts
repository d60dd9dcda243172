import { DECISION_KINDS } from '../../../domain/audit/decision-csv';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import type { FieldProblem } from '../errors/problem';
import { unknownCode } from './pack-check';
import { textProblems } from './text-rule';
import { invalidUuidProblem, isUuid } from './uuid';

/** The review years a path may name (the decider says whether one is scheduled for the town). */
export const REVIEW_YEARS = { first: 2000, last: 2200 } as const;

type PathCheck = (value: string, policy: PolicyPack) => FieldProblem | undefined;

const uuid =
  (field: string): PathCheck =>
  (value) =>
    isUuid(value) ? undefined : invalidUuidProblem(field);

/**
 * What each path parameter of the API must be, by its name in the routes. A parameter not listed is any
 * text the text rule allows; whether it names something that exists (a town, a batch, a project) is the
 * edge's, the route's or the decider's to say, with 404 or 409.
 */
const pathChecks: Readonly<Record<string, PathCheck>> = {
  townId: uuid('townId'),
  jobId: uuid('jobId'),
  year: (value) => yearProblem(value),
  reward: (value, policy) => {
    const known = policy.rewards.map((rule) => rule.code);
    return known.includes(value) ? undefined : unknownCode('reward', value, known);
  },
  kind: (value) => (DECISION_KINDS.some((kind) => kind === value) ? undefined : unknownDecisionKind()),
};

/**
 * Every wrong path parameter of a request, each named once: by the text rule, else by its own check.
 * The edge asks before it looks anything up by the path (request-shape.ts).
 */
export function pathProblems(
  params: Readonly<Record<string, string | string[]>>,
  policy: PolicyPack,
): FieldProblem[] {
  return Object.entries(params).flatMap(([name, segments]) => {
    // A wildcard's segments come as a list; no route of the API has one.
    const value = typeof segments === 'string' ? segments : segments.join('/');
    const text = textProblems(value, name);
    if (text.length > 0) return text;
    const problem = pathChecks[name]?.(value, policy);
    return problem ? [problem] : [];
  });
}

/** A review year in the path: an integer in a sane range. */
export function yearProblem(value: unknown): FieldProblem | undefined {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    return { field: 'year', code: 'INVALID_YEAR', message: 'year must be an integer year' };
  }
  const year = Number(value);
  const { first, last } = REVIEW_YEARS;
  if (year < first || year > last) {
    return { field: 'year', code: 'INVALID_YEAR', message: `year must be ${first}–${last}` };
  }
  return undefined;
}

/** A kind of decision the auditors' export does not know. */
export function unknownDecisionKind(): FieldProblem {
  return { field: 'kind', code: 'UNKNOWN_KIND', message: `kind must be one of ${DECISION_KINDS.join(', ')}` };
}
