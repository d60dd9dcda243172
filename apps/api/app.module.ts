import { Module, type DynamicModule } from '@nestjs/common';
import { API_SETTINGS, EVENT_STORE, TEMPORAL_CLIENT, type ApiDependencies } from './api.tokens';
import { HealthController } from './health/health.controller';
import { TownsController } from './towns/towns.controller';
import { TownsService } from './towns/towns.service';

/** The HTTP application. Its Temporal client and event store are given to it by the composition root. */
@Module({})
export class AppModule {
  static register(deps: ApiDependencies): DynamicModule {
    return {
      module: AppModule,
      controllers: [TownsController, HealthController],
      providers: [
        { provide: TEMPORAL_CLIENT, useValue: deps.client },
        { provide: EVENT_STORE, useValue: deps.store },
        { provide: API_SETTINGS, useValue: deps.settings },
        TownsService,
      ],
    };
  }
}
