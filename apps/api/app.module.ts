import { Module, type DynamicModule } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApiDependenciesModule } from './api-dependencies.module';
import { defaultApiSettings, type ApiDependencies } from './api.tokens';
import { AuditModule } from './audit/audit.module';
import type { AuditApiSettings } from './audit/audit-settings';
import { AuthModule } from './auth/auth.module';
import { BatchesModule } from './batches/batches.module';
import { ConsoleModule } from './console/console.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DevSignInModule } from './dev-sign-in/dev-sign-in.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MyWorkModule } from './my-work/my-work.module';
import { PolicyModule } from './policy/policy.module';
import { ProgrammeModule } from './programme/programme.module';
import { TownProgressModule } from './town-progress/town-progress.module';
import { TownsModule } from './towns/towns.module';
import { TrainingModule } from './training/training.module';

/**
 * The HTTP application: feature modules only. Its Temporal client, event store and token verifier are
 * given to it by the composition root. Every route passes the AccessGuard (a token, unless @Public) and,
 * for commands, the idempotency interceptor. The features are listed in the order the OpenAPI document
 * lists their routes.
 */
@Module({})
export class AppModule {
  static register(deps: ApiDependencies, audit: AuditApiSettings): DynamicModule {
    const rateLimit = deps.settings.publicRateLimit ?? defaultApiSettings.publicRateLimit;
    return {
      module: AppModule,
      imports: [
        // The throttler's storage counts public requests and each caller's commands and heavy reads.
        ThrottlerModule.forRoot([{ name: 'public', ttl: rateLimit.windowMs, limit: rateLimit.limit }]),
        ApiDependenciesModule.register(deps),
        AuthModule,
        IdempotencyModule.register(deps.settings.idempotencyTtlMs ?? defaultApiSettings.idempotencyTtlMs),
        TownsModule,
        BatchesModule,
        ProgrammeModule,
        DeadlinesModule,
        AuditModule.register(audit),
        HealthModule,
        MyWorkModule,
        TownProgressModule,
        TrainingModule.register(deps.trainingClock),
        DevSignInModule.register(deps.devSignIn, deps.settings.policy),
        PolicyModule.register(deps.settings.policy),
        ConsoleModule.register(deps.consoleDir),
      ],
    };
  }
}
