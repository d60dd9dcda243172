import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ProgrammeController } from './programme.controller';
import { ProgrammeStepsController } from './programme-steps.controller';

/** The programme: its overview and funds from the read models, its workflow's view and closure. */
@Module({ imports: [ReadModelsModule], controllers: [ProgrammeController, ProgrammeStepsController] })
export class ProgrammeModule {}
