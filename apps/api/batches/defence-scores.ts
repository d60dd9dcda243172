import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { validationProblem } from '../errors/problem';

/** One score per criterion of the pack, within its range: a 400 naming the field otherwise. */
export function checkDefenceScores(policy: PolicyPack, scores: Readonly<Record<string, number>>): void {
  const { criteria, maxCriterionScore } = policy.selection;
  const codes = criteria.map((criterion) => criterion.code);
  const problems = [
    ...Object.keys(scores)
      .filter((code) => !codes.includes(code))
      .map((code) => ({
        field: `scores.${code}`,
        code: 'UNKNOWN_CODE',
        message: `"${code}" is not a criterion`,
      })),
    ...codes
      .filter((code) => scores[code] === undefined)
      .map((code) => ({
        field: `scores.${code}`,
        code: 'REQUIRED',
        message: `a score for "${code}" is required`,
      })),
    ...Object.entries(scores)
      .filter(([, value]) => value > maxCriterionScore)
      .map(([code]) => ({
        field: `scores.${code}`,
        code: 'INVALID_MAX',
        message: `scores.${code} must not be greater than ${maxCriterionScore}`,
      })),
  ];
  if (problems.length > 0) throw validationProblem(problems);
}
