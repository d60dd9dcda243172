import { validationProblem } from '../errors/problem';
import { unknownCode } from '../http/pack-check';

/** A review year in a sane range (the decider says whether it is scheduled). */
export function checkYear(year: number): number {
  if (year < 2000 || year > 2200) {
    throw validationProblem([{ field: 'year', code: 'INVALID_YEAR', message: 'year must be 2000–2200' }]);
  }
  return year;
}

/** A code in the path that must name an entry of the policy pack (a body's are its DTO's to check). */
export function requirePackCode(field: string, value: string, known: readonly string[]): void {
  if (!known.includes(value)) throw validationProblem([unknownCode(field, value, known)]);
}
