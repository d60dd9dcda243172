import { Body, Controller, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { findMemberUnit } from '../../../domain/policy/policy-rules';
import type { AcceptanceFinding, TownCommandType } from '../../../domain/town';
import type { CommandAction } from '../../../domain/access/authorize';
import type { Principal } from '../../../infra/auth/principal';
import { API_SETTINGS, type ApiSettings } from '../api.tokens';
import { Caller } from '../auth/auth.decorators';
import type { CommandRequest } from '../commands/command-meta';
import { CommandRequestOf } from '../commands/command-request.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import { checkYear, requirePackCode, reviewYearPipe } from '../commands/path-params';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { inconsistentFieldsProblem, validationProblem } from '../errors/problem';
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
import { townIdPipe } from '../shared/town-problems';
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
  constructor(
    private readonly commands: TownCommandsService,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @CommandRoute('rewards/:reward/payment', town('PayReward'), 'Pay a reward that has fallen due')
  payReward(
    @Param('townId', townIdPipe) townId: string,
    @Param('reward') reward: string,
    @Body() dto: PayRewardDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    requirePackCode(
      'reward',
      reward,
      this.settings.policy.rewards.map((rule) => rule.code),
    );
    return this.commands.send(
      townId,
      { type: 'PayReward', data: { reward, paymentRef: dto.paymentRef } },
      caller,
      request,
      dto,
    );
  }

  @CommandRoute('plan', town('SubmitPlan'), 'Submit the special plan and the work plan')
  submitPlan(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: SubmitPlanDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const codes = this.settings.policy.planning.documents.map((document) => document.code);
    for (const code of Object.keys(dto.documents)) requirePackCode(`documents.${code}`, code, codes);
    return this.commands.send(
      townId,
      { type: 'SubmitPlan', data: { documents: dto.documents } },
      caller,
      request,
      dto,
    );
  }

  @CommandRoute('plan/approval', town('ApprovePlan'), 'Approve the submitted plans')
  approvePlan(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: ApprovePlanDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const data = dto.note === undefined ? {} : { note: dto.note };
    return this.commands.send(townId, { type: 'ApprovePlan', data }, caller, request, dto);
  }

  @CommandRoute('plan/return', town('ReturnPlan'), 'Return the plans with reasons')
  returnPlan(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: ReturnPlanDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    return this.commands.send(
      townId,
      { type: 'ReturnPlan', data: { reasons: dto.reasons } },
      caller,
      request,
      dto,
    );
  }

  @CommandRoute('plan/extension', town('GrantPlanExtension'), 'Extend the plan deadline')
  grantPlanExtension(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: GrantPlanExtensionDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    return this.commands.send(
      townId,
      { type: 'GrantPlanExtension', data: { until: dto.until } },
      caller,
      request,
      dto,
    );
  }

  @CommandRoute('reviews/:year/statistics', town('SubmitYearlyStatistics'), "Submit the year's statistics")
  submitStatistics(
    @Param('townId', townIdPipe) townId: string,
    @Param('year', reviewYearPipe) year: number,
    @Body() dto: SubmitStatisticsDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const { projectProgress: p } = dto;
    const command: OfficialTownCommand = {
      type: 'SubmitYearlyStatistics',
      data: {
        year: checkYear(year),
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
    return this.commands.send(townId, command, caller, request, dto);
  }

  @CommandRoute(
    'reviews/:year/statistics-extension',
    town('GrantStatisticsExtension'),
    "Extend the year's statistics deadline",
  )
  grantStatisticsExtension(
    @Param('townId', townIdPipe) townId: string,
    @Param('year', reviewYearPipe) year: number,
    @Body() dto: NoDataDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'GrantStatisticsExtension',
      data: { year: checkYear(year) },
    };
    return this.commands.send(townId, command, caller, request, dto);
  }

  @CommandRoute('reviews/:year/rating', town('RateTown'), 'Rate the town for the year')
  rate(
    @Param('townId', townIdPipe) townId: string,
    @Param('year', reviewYearPipe) year: number,
    @Body() dto: RateTownDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RateTown',
      data: { year: checkYear(year), score: dto.score, assessment: dto.assessment },
    };
    return this.commands.send(townId, command, caller, request, dto);
  }

  @CommandRoute('reviews/:year/land-support', town('GrantLandSupport'), 'Grant the land support earned')
  grantLandSupport(
    @Param('townId', townIdPipe) townId: string,
    @Param('year', reviewYearPipe) year: number,
    @Body() dto: LandGrantDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const { areaMu, reference } = dto;
    const command: OfficialTownCommand = {
      type: 'GrantLandSupport',
      data: {
        year: checkYear(year),
        ...(areaMu === undefined ? {} : { areaMu }),
        ...(reference === undefined ? {} : { reference }),
      },
    };
    return this.commands.send(townId, command, caller, request, dto);
  }

  @CommandRoute('observation-recheck', town('RecordObservationRecheck'), 'Record the observation recheck')
  recordObservationRecheck(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: CheckOutcomeDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RecordObservationRecheck',
      data: { passed: dto.passed, findings: dto.findings },
    };
    return this.commands.send(townId, command, caller, request, dto);
  }

  @CommandRoute('progress-check', town('RecordProgressCheck'), 'Record the two-year progress check')
  recordProgressCheck(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: CheckOutcomeDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RecordProgressCheck',
      data: { passed: dto.passed, findings: dto.findings },
    };
    return this.commands.send(townId, command, caller, request, dto);
  }

  @CommandRoute(
    'provincial-recommendation',
    town('RecordProvincialRecommendation'),
    "Record the province's recommendation",
  )
  recordProvincialRecommendation(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: ProvincialRecommendationDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
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
    return this.commands.send(townId, command, caller, request, dto);
  }

  @CommandRoute('acceptance/inspections', town('RecordSiteInspection'), "Record a member unit's inspection")
  recordSiteInspection(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: SiteInspectionDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    if (!findMemberUnit(this.settings.policy, dto.unit)) {
      throw validationProblem([
        { field: 'unit', code: 'MEMBER_UNIT_UNKNOWN', message: `"${dto.unit}" is not a member unit` },
      ]);
    }
    const command: OfficialTownCommand = {
      type: 'RecordSiteInspection',
      data: { unit: dto.unit, satisfactory: dto.satisfactory, findings: dto.findings },
    };
    return this.commands.send(townId, command, caller, request, dto);
  }

  @CommandRoute('acceptance/opinion', town('FormAcceptanceOpinion'), "Form the office's acceptance opinion")
  formAcceptanceOpinion(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: AcceptanceOpinionDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'FormAcceptanceOpinion',
      data: {
        recommendation: dto.recommendation,
        opinion: dto.opinion,
        ...(dto.findings === undefined ? {} : { findings: findingsByCriterion(dto.findings) }),
      },
    };
    return this.commands.send(townId, command, caller, request, dto);
  }

  @CommandRoute(
    'acceptance/deliberation',
    town('RecordAcceptanceDeliberation'),
    "Record the joint meeting's deliberation",
  )
  recordAcceptanceDeliberation(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: AcceptanceDeliberationDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const command: OfficialTownCommand = {
      type: 'RecordAcceptanceDeliberation',
      data: { accepted: dto.accepted, minutesRef: dto.minutesRef },
    };
    return this.commands.send(townId, command, caller, request, dto);
  }
}
