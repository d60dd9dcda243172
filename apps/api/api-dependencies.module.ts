import { Global, Module, type DynamicModule } from '@nestjs/common';
import {
  API_SETTINGS,
  EVENT_STORE,
  SERVICE_METRICS,
  TEMPORAL_CLIENT,
  TOKEN_VERIFIER,
  type ApiDependencies,
} from './api.tokens';
import { serviceMetrics } from '../../infra/observability/service-metrics';

/**
 * What the composition root gives the API — the Temporal client, the event store, the token verifier,
 * the settings and the process's metrics — under their typed tokens, visible to every feature module without each importing it.
 */
@Global()
@Module({})
export class ApiDependenciesModule {
  static register(deps: ApiDependencies): DynamicModule {
    const providers = [
      { provide: TEMPORAL_CLIENT, useValue: deps.client },
      { provide: EVENT_STORE, useValue: deps.store },
      { provide: API_SETTINGS, useValue: deps.settings },
      { provide: TOKEN_VERIFIER, useValue: deps.verifier },
      { provide: SERVICE_METRICS, useValue: deps.metrics ?? serviceMetrics() },
    ];
    return {
      module: ApiDependenciesModule,
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}
