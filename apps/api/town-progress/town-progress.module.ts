import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { TownProgressController } from './town-progress.controller';

/** The town page's reviews, checks and acceptance, from the read models. */
@Module({ imports: [ReadModelsModule], controllers: [TownProgressController] })
export class TownProgressModule {}
