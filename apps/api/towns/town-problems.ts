import type { PipeTransform } from '@nestjs/common';
import { problem, ProblemException, validationProblem } from '../errors/problem';

/**
 * A town id as the API takes it: a UUID in its textual form, any version (ids derived from an
 * Idempotency-Key are version 8). One pattern for the path, the bodies and the OpenAPI document.
 */
export const townIdPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const townIdRegex = new RegExp(townIdPattern);

export function isTownId(value: unknown): value is string {
  return typeof value === 'string' && townIdRegex.test(value);
}

export function invalidTownId(field = 'townId'): ProblemException {
  return validationProblem([{ field, code: 'INVALID_UUID', message: `${field} must be a UUID` }]);
}

export const townIdPipe: PipeTransform<unknown, string> = {
  transform(value: unknown): string {
    if (!isTownId(value)) throw invalidTownId();
    return value;
  },
};

export function townNotFound(townId: string): ProblemException {
  return new ProblemException(
    problem(404, 'TOWN_NOT_FOUND', 'Not Found', `No town ${townId}`, { messageZh: `没有小镇 ${townId}。` }),
  );
}
