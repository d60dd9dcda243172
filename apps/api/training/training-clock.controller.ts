import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { addMilliseconds, isBefore } from '../../../domain/calendar/instant';
import { parseLocalDate, startOfDay } from '../../../domain/calendar/shanghai-calendar';
import type { Principal } from '../../../infra/auth/principal';
import type { TrainingClock } from '../../../infra/temporal/time-skipping-server';
import { upcomingDeadlines, type UpcomingDeadline } from '../read-models/upcoming-deadlines';
import { Caller, Operates, Public } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ReadModelsService } from '../read-models/read-models.service';
import {
  MoveTrainingClockDto,
  TrainingClockDeadlineDto,
  TrainingClockDto,
  TrainingClockMovedDto,
} from './training-clock.dto';
import {
  trainingClockBackwards,
  trainingNoDeadline,
  trainingTargetRequired,
} from './training-clock.problems';
import { TRAINING_CLOCK } from './training-clock.token';

/** Deadlines further ahead than this are not "next": a programme's whole calendar fits in it. */
const lookAheadMs = 20 * 366 * 24 * 3_600_000;
/**
 * A deadline's timer fires at its instant; stopping the clock a second past it lets the workflow's task
 * run before the move returns, so the answer already follows the fired step.
 */
const pastDeadlineMs = 1_000;
/**
 * "To a date" is that date's office morning, 09:00 in Shanghai: the header then shows the date chosen
 * (the end of the day would become the next day a moment later, the clock running on at the wall's
 * pace), and the day's own deadlines are still ahead, to be met or passed in the training.
 */
const officeMorningMs = 9 * 3_600_000;

/**
 * Training mode only (`npm run start:training`, docs/decisions/0107): the virtual date, and moving it
 * forward. Without training mode these routes are not registered and answer 404.
 */
@ApiTags('training')
@Controller('training/clock')
export class TrainingClockController {
  constructor(
    @Inject(TRAINING_CLOCK) private readonly clock: TrainingClock,
    private readonly readModels: ReadModelsService,
  ) {}

  /**
   * Public: the console shows the virtual date in its header, before sign-in too. So the deadline it
   * names says when and what, never whose (a county official must not learn another county's towns).
   */
  @Get()
  @Public()
  @ApiOkResponse({
    type: TrainingClockDto,
    description: 'The virtual date and the next pending deadline, without its subject.',
  })
  read(): TrainingClockDto {
    const now = this.clock.now();
    const next = this.nextDeadline(now);
    return { now, nextDeadline: next === null ? null : withoutSubject(next) };
  }

  @Post()
  @HttpCode(200)
  @Operates('move-training-clock')
  @ApiOkResponse({
    type: TrainingClockMovedDto,
    description: 'The clock has moved; every timer due before the new instant has fired.',
  })
  @ApiProblems(400, 401, 403, 409)
  async move(
    @Body() body: MoveTrainingClockDto,
    @Caller() caller: Principal,
  ): Promise<TrainingClockMovedDto> {
    if ((body.to === undefined) === (body.date === undefined)) throw trainingTargetRequired();
    await this.readModels.catchUpFor({ caller, minPosition: undefined });
    const from = this.clock.now();
    const passed = body.to === undefined ? null : this.nextDeadline(from);
    let target: string;
    if (body.date !== undefined) {
      target = addMilliseconds(startOfDay(parseLocalDate(body.date)), officeMorningMs);
      if (isBefore(target, from)) throw trainingClockBackwards(from, target);
    } else {
      if (passed === null) throw trainingNoDeadline();
      target = addMilliseconds(passed.dueAt, pastDeadlineMs);
    }
    const now = await this.clock.advanceTo(target);
    return { from, now, passed, nextDeadline: this.nextDeadline(now) };
  }

  private nextDeadline(now: string): UpcomingDeadline | null {
    const until = new Date(Date.parse(now) + lookAheadMs).toISOString();
    return upcomingDeadlines(this.readModels.models, { from: now, until })[0] ?? null;
  }
}

function withoutSubject(deadline: UpcomingDeadline): TrainingClockDeadlineDto {
  return { scope: deadline.scope, name: deadline.name, dueAt: deadline.dueAt, fires: deadline.fires };
}
