import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

/** Every command route answers a retry under the same Idempotency-Key with the answer it kept. */
@Module({})
export class IdempotencyModule {
  static register(ttlMs: number): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        { provide: IdempotencyStore, useValue: new IdempotencyStore(ttlMs) },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
