import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import helmet from 'helmet';
import { loadAuditJobScheduling, loadAuditJobsConfig } from '../../infra/audit/audit-jobs-config';
import { defaultApiSettings, type ApiDependencies } from './api.tokens';
import { AppModule } from './app.module';
import { openApiDocument } from './openapi-document';
import type { AuditApiDependencies } from './audit/audit-settings';
import { ProblemFilter } from './errors/problem.filter';
import { RequestValidationPipe } from './errors/validation.pipe';
import { bodyParseErrors, jsonParserOptions, jsonRequests } from './http/json-body';
import { httpMetrics, metricsEndpoint } from './http/http-metrics';
import { httpTracing } from './http/http-tracing';
import { methodNotAllowed } from './http/method-not-allowed';
import { percentEncodedText } from './http/percent-encoding';
import { publicRateLimit } from './http/public-rate-limit';
import { requestContextMiddleware, stdoutRequestLog, type RequestLogSink } from './http/request-context';
import { serviceMetrics } from '../../infra/observability/service-metrics';
import { currentTracing } from '../../infra/observability/tracing';

export const apiPrefix = 'api';
/** What a console on another origin reads from answers besides the body. */
const corsExposedHeaders = [
  'Location',
  'Retry-After',
  'X-Request-Id',
  'Content-Language',
  'Idempotent-Replayed',
];

export interface CreateApiOptions {
  /** Nest's own log (start-up, errors); default on. */
  readonly logger?: boolean;
  /** Where the one-line-per-request JSON log goes; default stdout, `false` for none. */
  readonly requestLog?: RequestLogSink | false;
}

/** Builds the HTTP application (not yet listening), so tests and `npm start` share one setup. */
export async function createApi(
  deps: ApiDependencies & AuditApiDependencies,
  options: CreateApiOptions = {},
): Promise<NestExpressApplication> {
  const audit = deps.audit ?? {
    jobsDir: loadAuditJobsConfig().jobsDir,
    scheduling: loadAuditJobScheduling(),
  };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(deps, audit), {
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
    bodyParser: false,
    // Nest's default ends the process (abort, or exit 1) on a failure while the API is built: the caller
    // would never hear of it, and `npm start` could not stop the dev server and the worker it started.
    abortOnError: false,
  });
  // First, so every response (even a body-parser error) carries its request id and is logged.
  app.use(
    requestContextMiddleware(
      options.requestLog === false ? undefined : (options.requestLog ?? stdoutRequestLog),
    ),
  );
  // Second, so the request's span is active for everything after it, and ends with its response.
  if (currentTracing()) app.use(httpTracing());
  const metrics = deps.metrics ?? serviceMetrics();
  app.use(httpMetrics(metrics));
  // Outside /api and its documents: Prometheus scrapes it with no token, and it is never throttled.
  app.use('/metrics', metricsEndpoint(metrics));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI styles itself inline; scripts stay 'self' only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          // The API may be served over plain HTTP on one machine (`npm start`); TLS is the proxy's job.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  const storage = app.get<ThrottlerStorage>(getStorageToken());
  const limiter = publicRateLimit(
    storage,
    deps.settings.publicRateLimit ?? defaultApiSettings.publicRateLimit,
  );
  // The documents only: health is for load balancers and orchestrators, which must never be locked out.
  app.use([`/${apiPrefix}/docs`, `/${apiPrefix}/docs-json`], limiter);
  app.set('trust proxy', deps.settings.trustProxy ?? false);
  const built: { document?: OpenAPIObject } = {};
  const documentBuilt = () => {
    if (!built.document) throw new Error('The OpenAPI document is built before the API listens');
    return built.document;
  };
  // A method the document does not declare for a path it does: 405 with Allow, before anything else.
  app.use(methodNotAllowed(documentBuilt));
  // Paths and queries that are not percent-encoded UTF-8: 400 naming them, before anything decodes them.
  app.use(percentEncodedText(documentBuilt));
  // UTF-8 JSON bodies of commands only, bounded in size and depth; their errors answered as problems.
  app.use(jsonRequests);
  app.useBodyParser('json', jsonParserOptions);
  app.use(bodyParseErrors);
  app.setGlobalPrefix(apiPrefix);
  app.useGlobalPipes(new RequestValidationPipe(deps.settings.policy));
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  // A console hosted on another origin (README, "Console"); the same origin needs no CORS.
  if (deps.settings.corsOrigins?.length) {
    app.enableCors({ origin: [...deps.settings.corsOrigins], exposedHeaders: corsExposedHeaders });
  }

  built.document = openApiDocument(app, deps.settings.policy);
  SwaggerModule.setup(`${apiPrefix}/docs`, app, built.document, {
    jsonDocumentUrl: `${apiPrefix}/docs-json`,
  });
  return app;
}
