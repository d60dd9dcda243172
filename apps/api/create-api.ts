import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ApiDependencies } from './api.tokens';
import { AppModule } from './app.module';
import { ProblemFilter } from './errors/problem.filter';
import { createValidationPipe } from './errors/validation.pipe';

export const apiPrefix = 'api';
const bodyLimit = '100kb';

/** Builds the HTTP application (not yet listening), so tests and `npm start` share one setup. */
export async function createApi(
  deps: ApiDependencies,
  options: { logger?: boolean } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(deps), {
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
    bodyParser: false,
  });
  // Strict JSON bodies with a size limit; parse errors become problem documents via the filter.
  app.useBodyParser('json', { limit: bodyLimit, strict: true });
  app.setGlobalPrefix(apiPrefix);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Characteristic towns (特色小镇) programme API')
      .setDescription('Officials apply for towns and drive their lifecycle; auditors read every fact.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup(`${apiPrefix}/docs`, app, document, { jsonDocumentUrl: `${apiPrefix}/docs-json` });
  return app;
}
