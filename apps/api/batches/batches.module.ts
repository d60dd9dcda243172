import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { BatchesController } from './batches.controller';

/** An application batch: its view, the defence scores, the list decided and published. */
@Module({ imports: [ReadModelsModule], controllers: [BatchesController] })
export class BatchesModule {}
