import type { components } from './generated/openapi';

type ProblemBody = components['schemas']['ProblemDto'];
export type FieldProblem = components['schemas']['FieldProblemDto'];

/** An answer other than 2xx, as the API's problem+json states it (or the network's failure). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly FieldProblem[] = [],
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  static from(status: number, body: unknown): ApiProblem {
    if (isProblem(body)) return new ApiProblem(status, body.code, body.detail, body.errors ?? []);
    return new ApiProblem(status, `HTTP_${status}`, typeof body === 'string' ? body : '');
  }

  /** The request never got an answer (offline, server down): the outcome is unknown. */
  static network(error: unknown): ApiProblem {
    return new ApiProblem(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
  }
}

function isProblem(body: unknown): body is ProblemBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string' &&
    typeof (body as { detail?: unknown }).detail === 'string'
  );
}

/** openapi-fetch's answer: the data, or the problem it carries as an exception. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw ApiProblem.network(error);
  }
  if (result.response.ok && result.data !== undefined) return result.data;
  throw ApiProblem.from(result.response.status, result.error);
}
