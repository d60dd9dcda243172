import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RequestShape } from '../errors/request-shape';
import { CallerRateLimit } from '../http/caller-rate-limit';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AccessGuard } from './access.guard';
import { AccessTargets } from './access-targets';

/**
 * The edge: every route passes the AccessGuard (a token, unless @Public, then the seat's access, and the
 * request's path and headers).
 */
@Module({
  imports: [ReadModelsModule],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, AccessTargets, CallerRateLimit, RequestShape],
})
export class AuthModule {}
