import { Module } from '@nestjs/common';
import { ReadModelsService } from './read-models.service';

/** One set of read models per application, shared by every feature that answers from them. */
@Module({ providers: [ReadModelsService], exports: [ReadModelsService] })
export class ReadModelsModule {}
