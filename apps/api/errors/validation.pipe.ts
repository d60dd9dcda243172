import {
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationError,
} from '@nestjs/common';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { packProblems, requiredField } from '../http/pack-check';
import { textProblemOf } from '../../../domain/shared/text-rule';
import { textProblems } from '../http/text-rule';
import { validationProblem, type FieldProblem } from './problem';

/** What class-validator found, carried out of Nest's pipe to be answered with the rest. */
class ConstraintProblems extends Error {
  constructor(readonly problems: readonly FieldProblem[]) {
    super('constraints broken');
  }
}

/**
 * Everything a route reads from the request — the body, the query, each path parameter — checked in one
 * pass, and every wrong field named in one 400 (docs/decisions/0139): the text rule (text-rule.ts), then
 * the DTO's constraints (class-validator: unknown fields refused, nothing coerced silently), then the
 * DTO's check against the programme's pack (pack-check.ts). A field is named by the first of these that
 * refuses it, once, with the reason that applies: missing, else of the wrong type, else each constraint
 * it breaks.
 */
export class RequestValidationPipe implements PipeTransform {
  private readonly constraints = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ConstraintProblems(constraintProblems(errors)),
  });

  constructor(private readonly policy: PolicyPack) {}

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return value;
    const text = textProblems(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    let checked = value;
    let broken: readonly FieldProblem[] = [];
    try {
      checked = await this.constraints.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof ConstraintProblems)) throw error;
      broken = error.problems;
    }
    const problems = oncePerField([text, broken, packProblems(metadata.metatype, value, this.policy)]);
    if (problems.length > 0) throw validationProblem(problems);
    return checked;
  }
}

/** Each field by the first check that refuses it; nothing under a field already named, nor a bad name. */
function oncePerField(stages: readonly (readonly FieldProblem[])[]): FieldProblem[] {
  const named: FieldProblem[] = [];
  for (const stage of stages) {
    const before = named.map((problem) => problem.field);
    named.push(
      ...stage.filter(
        ({ field }) =>
          // A property name that breaks the text rule is named by where it stands, not by itself.
          textProblemOf(field) === undefined &&
          !before.some((earlier) => field === earlier || field.startsWith(`${earlier}.`)),
      ),
    );
  }
  return named;
}

/** The constraints that say a value is of the wrong type: the one reason to give, not a range besides. */
const typeConstraints = new Set([
  'isString',
  'isNumber',
  'isInt',
  'isBoolean',
  'isArray',
  'isObject',
  'nestedValidation',
]);

function constraintProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    return [
      ...ownProblems(field, error.value, Object.entries(error.constraints ?? {})),
      ...constraintProblems(error.children ?? [], field),
    ];
  });
}

function ownProblems(field: string, value: unknown, broken: readonly [string, string][]): FieldProblem[] {
  if (broken.length === 0) return [];
  // An optional field left out breaks nothing, so one that does is required: it is missing, and that is all.
  if (value === undefined) return [requiredField(field)];
  const wrongType = broken.find(([constraint]) => typeConstraints.has(constraint));
  return (wrongType ? [wrongType] : broken).map(([constraint, message]) => ({
    field,
    code: constraintCode(constraint),
    message,
  }));
}

/** The stable code of a class-validator constraint, as answered. */
export function constraintCode(constraint: string): string {
  if (constraint === 'whitelistValidation') return 'UNKNOWN_FIELD';
  if (constraint === 'isDefined' || constraint === 'isNotEmpty' || constraint === 'isNotBlank')
    return 'REQUIRED';
  return `INVALID_${constraint.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
}
