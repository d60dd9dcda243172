import type { Provider, Type } from '@nestjs/common';
import type { TrainingClock } from '../../../infra/temporal/time-skipping-server';
import { TrainingClockController } from './training-clock.controller';
import { TRAINING_CLOCK } from './training-clock.token';

/**
 * Training mode's clock routes: registered only when the API runs on the time-skipping server
 * (`npm run start:training`), so under `npm start` or a deployment they do not exist and answer 404
 * (docs/decisions/0107). Part of the application module rather than a module of their own, because
 * the next deadline comes from the application's read models.
 */
export function trainingRoutes(clock: TrainingClock | undefined): {
  controllers: Type[];
  providers: Provider[];
} {
  if (clock === undefined) return { controllers: [], providers: [] };
  return {
    controllers: [TrainingClockController],
    providers: [{ provide: TRAINING_CLOCK, useValue: clock }],
  };
}
