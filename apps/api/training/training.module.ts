import { Module, type DynamicModule } from '@nestjs/common';
import type { TrainingClock } from '../../../infra/temporal/time-skipping-server';
import { ReadModelsModule } from '../read-models/read-models.module';
import { TrainingClockController } from './training-clock.controller';
import { TRAINING_CLOCK } from './training-clock.token';

/**
 * Training mode's clock routes: registered only when the API runs on the time-skipping server
 * (`npm run start:training`), so under `npm start` or a deployment they do not exist and answer 404
 * (docs/decisions/0107). The next deadline comes from the application's read models.
 */
@Module({})
export class TrainingModule {
  static register(clock: TrainingClock | undefined): DynamicModule {
    if (clock === undefined) return { module: TrainingModule };
    return {
      module: TrainingModule,
      imports: [ReadModelsModule],
      controllers: [TrainingClockController],
      providers: [{ provide: TRAINING_CLOCK, useValue: clock }],
    };
  }
}
