import { Global, Module, type DynamicModule } from '@nestjs/common';
import {
  API_SETTINGS,
  EVENT_STORE,
  TEMPORAL_CLIENT,
  TOKEN_VERIFIER,
  type ApiDependencies,
} from './api.tokens';

/**
 * What the composition root gives the API — the Temporal client, the event store, the token verifier
 * and the settings — under their typed tokens, visible to every feature module without each importing it.
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
    ];
    return {
      module: ApiDependenciesModule,
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}
