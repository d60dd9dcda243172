import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import type { DomainRefusal } from '../../../domain/shared/domain-refusal';
import type { FieldProblem } from '../errors/problem';

/**
 * What a request's fields are checked for against the programme's pack — the codes it knows (counties,
 * industries, batches, plan documents, member units, criteria, funding sources) and what it makes required
 * — beside the DTO's own constraints, and by the same pipe, so that one answer names every wrong field
 * (docs/decisions/0139). The deciders check again what concerns them; this only names the fields before
 * anything is sent. A check sees the request's fields as sent and names only those it can read.
 */
export type PackCheck = (fields: Readonly<Record<string, unknown>>, policy: PolicyPack) => FieldProblem[];

const checks = new WeakMap<object, PackCheck>();

/** Declares a DTO's check against the pack; the validation pipe runs it (errors/validation.pipe.ts). */
export function CheckedAgainstPack(check: PackCheck): ClassDecorator {
  return (target) => {
    checks.set(target, check);
  };
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problems the check declared on `metatype` finds in `value`; none where it declares none. */
export function packProblems(metatype: unknown, value: unknown, policy: PolicyPack): FieldProblem[] {
  const check = typeof metatype === 'function' ? checks.get(metatype) : undefined;
  return check && isPlainRecord(value) ? check(value, policy) : [];
}

/** A domain refusal of one field as the problem naming that field, with the refusal's own code. */
export function refusedField(refusal: DomainRefusal): FieldProblem {
  const field = refusal.details?.field;
  if (typeof field !== 'string') throw new Error(`${refusal.code} names no field`);
  return { field, code: refusal.code, message: refusal.messageEn, messageZh: refusal.messageZh };
}

/** A field the pack makes required, left out. */
export function requiredField(field: string): FieldProblem {
  return { field, code: 'REQUIRED', message: `${field} is required` };
}

/** A value that is none of the pack's codes for the field (a path's reward, a plan document). */
export function unknownCode(field: string, value: string, known: readonly string[]): FieldProblem {
  return {
    field,
    code: 'UNKNOWN_CODE',
    message: `"${value}" is not one of this programme's codes: ${known.join(', ')}`,
  };
}

/** The text a field holds, if it holds text (a DTO constraint names it otherwise). */
export function textOf(fields: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}
