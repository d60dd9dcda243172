import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import {
  API_SETTINGS,
  defaultApiSettings,
  EVENT_STORE,
  IDEMPOTENCY_STORE,
  TEMPORAL_CLIENT,
  TOKEN_VERIFIER,
  type ApiDependencies,
} from './api.tokens';
import { AuditJobsController } from './audit/audit-jobs.controller';
import { AuditJobsService } from './audit/audit-jobs.service';
import { AuditReadsController } from './audit/audit-reads.controller';
import { AuditReadsService } from './audit/audit-reads.service';
import { AUDIT_SETTINGS, type AuditApiSettings } from './audit/audit-settings';
import { AccessGuard } from './auth/access.guard';
import { AccessTargets } from './auth/access-targets';
import { CallerRateLimit } from './http/caller-rate-limit';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { ConsoleModule } from './console/console.module';
import { DevSignInModule } from './dev-sign-in/dev-sign-in.module';
import { HealthController } from './health/health.controller';
import { MyWorkController } from './my-work/my-work.controller';
import { PolicyModule } from './policy/policy.module';
import { TownProgressController } from './town-progress/town-progress.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { BatchesController } from './batches/batches.controller';
import { BatchesService } from './batches/batches.service';
import { ProgrammeController } from './programme/programme.controller';
import { ProgrammeStepsController } from './programme/programme-steps.controller';
import { ReadModelsService } from './read-models/read-models.service';
import { TownCommandsController } from './towns/town-commands.controller';
import { TownCommandsService } from './towns/town-commands.service';
import { TownProvinceController } from './towns/town-province.controller';
import { TownProjectsController } from './towns/town-projects.controller';
import { TownFundingController } from './towns/town-funding.controller';
import { TownQueriesController } from './towns/town-queries.controller';
import { TownQueriesService } from './towns/town-queries.service';
import { TownsController } from './towns/towns.controller';
import { TownsService } from './towns/towns.service';
import { trainingRoutes } from './training/training-routes';

/**
 * The HTTP application. Its Temporal client, event store and token verifier are given to it by the
 * composition root. Every route passes the AccessGuard (a token, unless @Public) and, for commands, the
 * idempotency interceptor.
 */
@Module({})
export class AppModule {
  static register(deps: ApiDependencies, audit: AuditApiSettings): DynamicModule {
    const rateLimit = deps.settings.publicRateLimit ?? defaultApiSettings.publicRateLimit;
    const training = trainingRoutes(deps.trainingClock);
    return {
      module: AppModule,
      // The throttler's storage counts public requests and each caller's commands and heavy reads.
      imports: [
        ThrottlerModule.forRoot([{ name: 'public', ttl: rateLimit.windowMs, limit: rateLimit.limit }]),
        DevSignInModule.register(deps.devSignIn, deps.settings.policy),
        PolicyModule.register(deps.settings.policy),
        ConsoleModule.register(deps.consoleDir),
      ],
      controllers: [
        TownsController,
        TownQueriesController,
        TownCommandsController,
        TownProvinceController,
        TownProjectsController,
        TownFundingController,
        BatchesController,
        ProgrammeController,
        ProgrammeStepsController,
        DeadlinesController,
        AuditReadsController,
        AuditJobsController,
        HealthController,
        MyWorkController,
        TownProgressController,
        ...training.controllers,
      ],
      providers: [
        { provide: TEMPORAL_CLIENT, useValue: deps.client },
        { provide: EVENT_STORE, useValue: deps.store },
        { provide: API_SETTINGS, useValue: deps.settings },
        { provide: TOKEN_VERIFIER, useValue: deps.verifier },
        { provide: AUDIT_SETTINGS, useValue: audit },
        {
          provide: IDEMPOTENCY_STORE,
          useValue: new IdempotencyStore(
            deps.settings.idempotencyTtlMs ?? defaultApiSettings.idempotencyTtlMs,
          ),
        },
        { provide: APP_GUARD, useClass: AccessGuard },
        AccessTargets,
        CallerRateLimit,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        ReadModelsService,
        TownsService,
        TownQueriesService,
        TownCommandsService,
        BatchesService,
        AuditReadsService,
        AuditJobsService,
        ...training.providers,
      ],
    };
  }
}
