import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestContext } from '../http/request-context';
import { toProblem } from './error-translation';
import { sendProblem } from './send-problem';

/** Every error leaves the API as `application/problem+json`; unexpected ones are logged, not shown. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const { problem, headers } = toProblem(error);
    if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${request.url} → ${problem.status} ${problem.code} (request ${requestContext(request).requestId})`,
        error instanceof Error ? error.stack : String(error),
      );
    }
    sendProblem(request, response, problem, headers);
  }
}
