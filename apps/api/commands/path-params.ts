import { validationProblem } from '../errors/problem';

/** A review year in a sane range (the decider says whether it is scheduled). */
export function checkYear(year: number): number {
  if (year < 2000 || year > 2200) {
    throw validationProblem([{ field: 'year', code: 'INVALID_YEAR', message: 'year must be 2000–2200' }]);
  }
  return year;
}

/** A code in the path or body that must name an entry of the policy pack. */
export function requirePackCode(field: string, value: string, known: readonly string[]): void {
  if (!known.includes(value)) {
    throw validationProblem([
      {
        field,
        code: 'UNKNOWN_CODE',
        message: `"${value}" is not one of this programme's codes: ${known.join(', ')}`,
      },
    ]);
  }
}
