import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { HealthController } from './health.controller';

/** Liveness and readiness, for load balancers and orchestrators. */
@Module({ imports: [ReadModelsModule], controllers: [HealthController] })
export class HealthModule {}
