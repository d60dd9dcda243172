import type { BilingualText } from '../../../domain/shared/bilingual-text';
import { problemMessage } from './problem-catalogue';

/**
 * One error shape everywhere (RFC 9457 problem details). `code` is stable and machine-readable;
 * `errors` names each bad field; the message is in both languages, whichever `detail` is given in.
 */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  /** English where a problem is made; in the caller's language once answered (send-problem.ts). */
  readonly message: string;
  /** Its Chinese, where the maker has it (the text rule, a decider's refusal); else by code (field-messages.ts). */
  readonly messageZh?: string;
  /** Both languages, as answered. */
  readonly messageEn?: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  /** In the language the caller asked for (`Accept-Language`), English by default. */
  readonly detail: string;
  readonly messageEn: string;
  readonly messageZh: string;
  readonly errors?: readonly FieldProblem[];
  readonly requestId?: string;
}

export class ProblemException extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
    this.name = 'ProblemException';
  }
}

/** `detail` is English until the answer is sent in the caller's language (send-problem.ts). */
export function problem(
  status: number,
  code: string,
  title: string,
  message: BilingualText,
  extra: Partial<Pick<Problem, 'errors'>> = {},
): Problem {
  return {
    type: `urn:towns:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    detail: message.en,
    // Both languages travel together, so a client can show either whatever `detail` was chosen in.
    messageEn: message.en,
    messageZh: message.zh,
    ...extra,
  };
}

/** A problem to throw, with its message in both languages. */
export function bilingualProblem(
  status: number,
  code: string,
  title: string,
  message: BilingualText,
  headers: Record<string, string> = {},
): ProblemException {
  return new ProblemException(problem(status, code, title, message), headers);
}

/**
 * Fields each well-formed but wrong together (a criterion given twice): 422 naming them, as a field only
 * the record or the rest of the body makes wrong is (docs/decisions/0083).
 */
export function inconsistentFieldsProblem(errors: readonly FieldProblem[]): ProblemException {
  return fieldsProblem(422, 'Unprocessable Content', 'FIELDS_INCONSISTENT', errors);
}

/** Fields a request gets wrong: 400 naming each. */
export function validationProblem(errors: readonly FieldProblem[]): ProblemException {
  return fieldsProblem(400, 'Bad Request', 'VALIDATION_FAILED', errors);
}

/** Fields well-formed and in their place, that name something that does not exist: 404 naming them. */
export function referenceNotFoundProblem(errors: readonly FieldProblem[]): ProblemException {
  return fieldsProblem(404, 'Not Found', 'REFERENCE_NOT_FOUND', errors, 'NOT_FOUND');
}

/**
 * A problem naming fields has the code its fields share, so a request wrong in one way is answered with
 * that way's code (`REQUIRED`, `COUNTY_UNKNOWN`, `POSITION_NOT_IN_LOG`), and the general code when they
 * differ; each field's own code is in `errors` either way (docs/decisions/0139).
 */
function sharedCode(errors: readonly FieldProblem[], general: string): string {
  const [first, ...rest] = errors;
  return first !== undefined && rest.every((error) => error.code === first.code) ? first.code : general;
}

function fieldsProblem(
  status: number,
  title: string,
  message: 'VALIDATION_FAILED' | 'FIELDS_INCONSISTENT' | 'REFERENCE_NOT_FOUND',
  errors: readonly FieldProblem[],
  general: string = message,
): ProblemException {
  const fields = errors.map((error) => error.field).join(', ');
  return new ProblemException(
    problem(status, sharedCode(errors, general), title, problemMessage(message, { fields }), { errors }),
  );
}
