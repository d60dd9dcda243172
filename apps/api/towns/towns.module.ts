import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { TownCommandsController } from './town-commands.controller';
import { TownCommandsService } from './town-commands.service';
import { TownFundingController } from './town-funding.controller';
import { TownProjectsController } from './town-projects.controller';
import { TownProvinceController } from './town-province.controller';
import { TownQueriesController } from './town-queries.controller';
import { TownsController } from './towns.controller';

/** A town's application, its steps, its page and its recorded history. */
@Module({
  imports: [ReadModelsModule],
  controllers: [
    TownsController,
    TownQueriesController,
    TownCommandsController,
    TownProvinceController,
    TownProjectsController,
    TownFundingController,
  ],
  providers: [TownCommandsService],
})
export class TownsModule {}
