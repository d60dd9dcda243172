/**
 * The two doors into a PolicyPack: `definePolicyPack` for a pack written in code, `parsePolicyPack`
 * for one read from outside (a file, an HTTP body, an event). Both validate; the second also checks
 * that a claimed version really is the content's hash, so a pack cannot be altered under its name.
 */
import { refuse } from '../shared/domain-refusal';
import { parsedOnce } from './parsed-packs';
import type { PolicyPack } from './policy-pack.schema';
import { policyVersion } from './policy-version';

/**
 * The pack's validator, loaded the first time a pack is validated. In the workflow sandbox every
 * workflow evaluates its own copy of each module it imports, and zod with the pack's schema is most of
 * a cached workflow's memory; a worker validates each pack once (parsed-packs.ts), so the workflows
 * that find their pack remembered never load it.
 */
function packSchema(): (typeof import('./policy-pack.schema'))['policyPackContentSchema'] {
  return (require('./policy-pack.schema') as typeof import('./policy-pack.schema')).policyPackContentSchema;
}

export interface PolicyIssue {
  readonly path: string;
  readonly message: string;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Validation issues with their dotted paths (`yearlyReview.ratings.2.minScore`); empty when valid. */
export function policyIssues(content: unknown): PolicyIssue[] {
  const result = packSchema().safeParse(content);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

function validated(content: unknown): PolicyPack {
  // A pack is validated once where it enters (a workflow start, a file, a request): zod's compiled fast
  // path costs more to build than it saves on a single parse, and in the workflow sandbox, where every
  // workflow has its own copy of the schema, it would be built again for every workflow.
  const result = packSchema().safeParse(content, { jitless: true });
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    throw refuse('POLICY_INVALID', {
      issues: issues.map((issue) => `${issue.path}: ${issue.message}`),
      paths: issues.map((issue) => issue.path),
    });
  }
  return deepFreeze({ ...result.data, version: policyVersion(result.data) });
}

/** Validates a pack's content and stamps it with its version. Throws DomainRefusal POLICY_INVALID. */
export function definePolicyPack(content: unknown): PolicyPack {
  const { version: _ignored, ...rest } = content as { version?: unknown };
  return validated(rest);
}

/**
 * Validates a pack from outside; a `version` it carries must match its content. Every workflow parses
 * the pack it is given when it starts; an input identical to one already parsed under the version it
 * claims gets that result back (see parsed-packs.ts).
 */
export function parsePolicyPack(input: unknown): PolicyPack {
  return parsedOnce(input, parseWithoutMemory);
}

function parseWithoutMemory(input: unknown): PolicyPack {
  const claimed = (input as { version?: unknown } | null)?.version;
  const pack = definePolicyPack(input);
  if (claimed !== undefined && claimed !== pack.version) {
    throw refuse('POLICY_VERSION_MISMATCH', { claimed, actual: pack.version });
  }
  return pack;
}
