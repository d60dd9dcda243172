import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { DeadlinesController } from './deadlines.controller';

/** The deadlines falling due soon, from the read models. */
@Module({ imports: [ReadModelsModule], controllers: [DeadlinesController] })
export class DeadlinesModule {}
