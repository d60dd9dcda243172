import bodies from '../api/generated/request-bodies.json';
import type { BodySchema } from './body-schemas';

const queries = (
  bodies as unknown as { readonly queries: Readonly<Record<string, Readonly<Record<string, BodySchema>>>> }
).queries;

/** The values a documented query parameter allows (`status`, `sort`…), as the API's document lists them. */
export function queryChoices(operation: string, parameter: string): string[] {
  return (queries[operation]?.[parameter]?.enum ?? []).map(String);
}

export function queryDefault(operation: string, parameter: string): unknown {
  return (queries[operation]?.[parameter] as { default?: unknown } | undefined)?.default;
}
