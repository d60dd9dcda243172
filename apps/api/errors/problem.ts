/**
 * One error shape everywhere (RFC 9457 problem details). `code` is stable and machine-readable;
 * `errors` names each bad field.
 */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  /** In the language the caller asked for (`Accept-Language`), English by default. */
  readonly detail: string;
  readonly messageEn?: string;
  readonly messageZh?: string;
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

export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: Partial<Pick<Problem, 'errors' | 'messageZh'>> = {},
): Problem {
  return {
    type: `urn:towns:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    detail,
    // Both languages travel together, so a client can show either whatever `detail` was chosen in.
    ...(extra.messageZh === undefined ? {} : { messageEn: detail }),
    ...extra,
  };
}

/** A problem with its message in both languages (every refusal and access problem has both). */
export function bilingualProblem(
  status: number,
  code: string,
  title: string,
  message: { readonly en: string; readonly zh: string },
  headers: Record<string, string> = {},
): ProblemException {
  return new ProblemException(problem(status, code, title, message.en, { messageZh: message.zh }), headers);
}

/**
 * Fields each well-formed but wrong together (a criterion given twice): 422 naming them, as a field only
 * the record or the rest of the body makes wrong is (docs/decisions/0083).
 */
export function inconsistentFieldsProblem(errors: readonly FieldProblem[]): ProblemException {
  return new ProblemException(
    problem(
      422,
      'FIELDS_INCONSISTENT',
      'Unprocessable Content',
      `Invalid ${errors.map((e) => e.field).join(', ')}`,
      {
        errors,
      },
    ),
  );
}

export function validationProblem(errors: readonly FieldProblem[]): ProblemException {
  return new ProblemException(
    problem(400, 'VALIDATION_FAILED', 'Bad Request', `Invalid ${errors.map((e) => e.field).join(', ')}`, {
      errors,
    }),
  );
}
