import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AcceptanceFinding, TownCommandType } from '../../../domain/town';
import type { CommandAction } from '../../../domain/access/authorize';
import { CommandRoute } from '../commands/command-route.decorator';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { StepOf, type Step } from '../commands/step.decorator';
import { inconsistentFieldsProblem } from '../errors/problem';
import {
  AcceptanceDeliberationDto,
  type AcceptanceFindingDto,
  AcceptanceOpinionDto,
  SiteInspectionDto,
} from './town-acceptance.dto';
import { TownCommandsService, type OfficialTownCommand } from './town-commands.service';
import {
  ApprovePlanDto,
  GrantPlanExtensionDto,
  PayRewardDto,
  ReturnPlanDto,
  SubmitPlanDto,
} from './town-planning.dto';
import {
  CheckOutcomeDto,
  LandGrantDto,
  NoDataDto,
  ProvincialRecommendationDto,
  RateTownDto,
  SubmitStatisticsDto,
} from './town-review.dto';

const town = (type: TownCommandType): CommandAction => ({ aggregate: 'town', type });

/** The findings keyed by criterion, as the decider takes them; a criterion given twice is unprocessable. */
function findingsByCriterion(findings: readonly AcceptanceFindingDto[]): Record<string, AcceptanceFinding> {
  const byCriterion: Record<string, AcceptanceFinding> = {};
  findings.forEach(({ criterion, met, finding }, index) => {
    if (Object.hasOwn(byCriterion, criterion)) {
      throw inconsistentFieldsProblem([
        {
          field: `findings.${index}.criterion`,
          code: 'ACCEPTANCE_FINDINGS_MISMATCH',
          message: `"${criterion}" is given twice`,
        },
      ]);
    }
    byCriterion[criterion] = { met, finding };
  });
  return byCriterion;
}

/**
 * One route per official step on a town (docs/decisions/0050): each names its command, so the guard
 * admits only the seats the domain lists for it, and OpenAPI documents each body on its own.
 */
@ApiTags('town steps')
@Controller('towns/:townId')
export class TownCommandsController {
  constructor(private readonly commands: TownCommandsService) {}

  @CommandRoute('rewards/:reward/payment', town('PayReward'), 'Pay a reward that has fallen due')
  payReward(
    @StepOf('townId', 'reward') step: Step<'townId' | 'reward'>,
    @Body() dto: PayRewardDto,
  ): Promise<RecordedStepDto> {
    return this.commands.send(
      step,
      { type: 'PayReward', data: { reward: step.reward, paymentRef: dto.paymentRef } },
      dto,
    );
  }

  @CommandRoute('plan', town('SubmitPlan'), 'Submit the special plan and the work plan')
  submitPlan(@StepOf('townId') step: Step<'townId'>, @Body() dto: SubmitPlanDto): Promise<RecordedStepDto> {
    return this.commands.send(step, { type: 'SubmitPlan', data: { documents: dto.documents } }, dto);
  }

  @CommandRoute('plan/approval', town('ApprovePlan'), 'Approve the submitted plans')
  approvePlan(@StepOf('townId') step: Step<'townId'>, @Body() dto: ApprovePlanDto): Promise<RecordedStepDto> {
    const data = dto.note === undefined ? {} : { note: dto.note };
    return this.commands.send(step, { type: 'ApprovePlan', data }, dto);
  }

  @CommandRoute('plan/return', town('ReturnPlan'), 'Return the plans with reasons')
  returnPlan(@StepOf('townId') step: Step<'townId'>, @Body() dto: ReturnPlanDto): Promise<RecordedStepDto> {
    return this.commands.send(step, { type: 'ReturnPlan', data: { reasons: dto.reasons } }, dto);
  }

  @CommandRoute('plan/extension', town('GrantPlanExtension'), 'Extend the plan deadline')
  grantPlanExtension(
    @StepOf('townId') step: Step<'townId'>,
    @Body() dto: GrantPlanExtensionDto,
  ): Promise<RecordedStepDto> {
    return this.commands.send(step, { type: 'GrantPlanExtension', data: { until: dto.until } }, dto);
  }

  @CommandRoute('reviews/:year/statistics', town('SubmitYearlyStatistics'), "Submit the year's statistics")
  submitStatistics(
    @StepOf('townId', 'year') step: Step<'townId' | 'year'>,
    @Body() dto: SubmitStatisticsDto,
  ): Promise<RecordedStepDto> {
    const { projectProgress: p } = dto;
    const command: OfficialTownCommand = {
      type: 'SubmitYearlyStatistics',
      data: {
        year: step.year,
        statistics: dto.statistics,
        ...(p === undefined
          ? {}
          : {
              projectProgress: {
                projectsPlanned: p.projectsPlanned,
                projectsCompleted: p.projectsCompleted,
                investmentPlannedYuan: p.investmentPlannedYuan,
                investmentCompletedYuan: p.investmentCompletedYuan,
              },
            }),
      },
    };
    return this.commands.send(step, command, dto);
  }

  @CommandRoute(
    'reviews/:year/statistics-extension',
    town('GrantStatisticsExtension'),
    "Extend the year's statistics deadline",
  )
  grantStatisticsExtension(
    @StepOf('townId', 'year') step: Step<'townId' | 'year'>,
    @Body() dto: NoDataDto,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'GrantStatisticsExtension',
      data: { year: step.year },
    };
    return this.commands.send(step, command, dto);
  }

  @CommandRoute('reviews/:year/rating', town('RateTown'), 'Rate the town for the year')
  rate(
    @StepOf('townId', 'year') step: Step<'townId' | 'year'>,
    @Body() dto: RateTownDto,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RateTown',
      data: { year: step.year, score: dto.score, assessment: dto.assessment },
    };
    return this.commands.send(step, command, dto);
  }

  @CommandRoute('reviews/:year/land-support', town('GrantLandSupport'), 'Grant the land support earned')
  grantLandSupport(
    @StepOf('townId', 'year') step: Step<'townId' | 'year'>,
    @Body() dto: LandGrantDto,
  ): Promise<RecordedStepDto> {
    const { areaMu, reference } = dto;
    const command: OfficialTownCommand = {
      type: 'GrantLandSupport',
      data: {
        year: step.year,
        ...(areaMu === undefined ? {} : { areaMu }),
        ...(reference === undefined ? {} : { reference }),
      },
    };
    return this.commands.send(step, command, dto);
  }

  @CommandRoute('observation-recheck', town('RecordObservationRecheck'), 'Record the observation recheck')
  recordObservationRecheck(
    @StepOf('townId') step: Step<'townId'>,
    @Body() dto: CheckOutcomeDto,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RecordObservationRecheck',
      data: { passed: dto.passed, findings: dto.findings },
    };
    return this.commands.send(step, command, dto);
  }

  @CommandRoute('progress-check', town('RecordProgressCheck'), 'Record the two-year progress check')
  recordProgressCheck(
    @StepOf('townId') step: Step<'townId'>,
    @Body() dto: CheckOutcomeDto,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RecordProgressCheck',
      data: { passed: dto.passed, findings: dto.findings },
    };
    return this.commands.send(step, command, dto);
  }

  @CommandRoute(
    'provincial-recommendation',
    town('RecordProvincialRecommendation'),
    "Record the province's recommendation",
  )
  recordProvincialRecommendation(
    @StepOf('townId') step: Step<'townId'>,
    @Body() dto: ProvincialRecommendationDto,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RecordProvincialRecommendation',
      data: {
        reviewYear: dto.reviewYear,
        recommended: dto.recommended,
        rank: dto.rank,
        ...(dto.reason === undefined ? {} : { reason: dto.reason }),
      },
    };
    return this.commands.send(step, command, dto);
  }

  @CommandRoute('acceptance/inspections', town('RecordSiteInspection'), "Record a member unit's inspection")
  recordSiteInspection(
    @StepOf('townId') step: Step<'townId'>,
    @Body() dto: SiteInspectionDto,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RecordSiteInspection',
      data: { unit: dto.unit, satisfactory: dto.satisfactory, findings: dto.findings },
    };
    return this.commands.send(step, command, dto);
  }

  @CommandRoute('acceptance/opinion', town('FormAcceptanceOpinion'), "Form the office's acceptance opinion")
  formAcceptanceOpinion(
    @StepOf('townId') step: Step<'townId'>,
    @Body() dto: AcceptanceOpinionDto,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'FormAcceptanceOpinion',
      data: {
        recommendation: dto.recommendation,
        opinion: dto.opinion,
        ...(dto.findings === undefined ? {} : { findings: findingsByCriterion(dto.findings) }),
      },
    };
    return this.commands.send(step, command, dto);
  }

  @CommandRoute(
    'acceptance/deliberation',
    town('RecordAcceptanceDeliberation'),
    "Record the joint meeting's deliberation",
  )
  recordAcceptanceDeliberation(
    @StepOf('townId') step: Step<'townId'>,
    @Body() dto: AcceptanceDeliberationDto,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RecordAcceptanceDeliberation',
      data: { accepted: dto.accepted, minutesRef: dto.minutesRef },
    };
    return this.commands.send(step, command, dto);
  }
}
