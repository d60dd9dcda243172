import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { MyWorkController } from './my-work.controller';

/** The console's home page: what needs the caller's seat. */
@Module({ imports: [ReadModelsModule], controllers: [MyWorkController] })
export class MyWorkModule {}
