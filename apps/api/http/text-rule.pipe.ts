import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { validationProblem } from '../errors/problem';
import { textProblems } from './text-rule';

/**
 * The text rule (text-rule.ts) on everything a route reads from the request — the body, the query and
 * each path parameter — before any other validation: 400 naming each bad field, nothing done.
 */
export const textRulePipe: PipeTransform = {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const field = metadata.type === 'body' ? '' : (metadata.data ?? '');
    const problems = textProblems(value, field);
    if (problems.length > 0) throw validationProblem(problems);
    return value;
  },
};
