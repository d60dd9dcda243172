import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { validationProblem, type FieldProblem } from './problem';

/**
 * class-validator on every DTO: unknown fields are rejected, nothing is coerced silently, and each
 * broken constraint becomes one named field problem.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationProblem(flatten(errors)),
  });
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      code: constraintCode(constraint),
      message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function constraintCode(constraint: string): string {
  if (constraint === 'whitelistValidation') return 'UNKNOWN_FIELD';
  if (constraint === 'isDefined' || constraint === 'isNotEmpty' || constraint === 'isNotBlank')
    return 'REQUIRED';
  return `INVALID_${constraint.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
}
