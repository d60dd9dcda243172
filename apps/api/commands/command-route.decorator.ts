import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { seatsForCommand, type CommandAction } from '../../../domain/access/authorize';
import { IssuesCommand } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { RecordedStepDto } from './recorded-step.dto';

export const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Send the same key with a retry: the first answer is replayed and nothing is recorded twice. The same key with another body is refused (422).',
};

export const requestIdHeader = {
  name: 'X-Request-Id',
  required: false,
  description: 'Echoed; recorded as the correlation id.',
};

/**
 * One official step as a route: POST, the seats the domain allows for the command (checked by the
 * guard), Idempotency-Key, and the same answers everywhere — 200 with the recorded step, or a problem.
 */
export function CommandRoute(path: string, command: CommandAction, summary: string) {
  const seats = seatsForCommand(command).filter((seat) => seat !== 'system');
  return applyDecorators(
    Post(path),
    HttpCode(200),
    IssuesCommand(command),
    ApiOperation({
      summary,
      description: `Command \`${command.type}\` on the ${command.aggregate}; seat: ${seats.join(', ')}.`,
    }),
    ApiHeader(idempotencyKeyHeader),
    ApiHeader(requestIdHeader),
    ApiOkResponse({ type: RecordedStepDto, description: 'Recorded: the events are in the store.' }),
    ApiProblems(400, 401, 403, 404, 409, 413, 415, 422, 429, 503),
  );
}
