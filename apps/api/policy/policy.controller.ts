import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { Reads } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { PolicyVocabularyDto, type NamedCodeDto } from './policy.dto';

export const PROGRAMME_POLICY = Symbol('PROGRAMME_POLICY');

const named = ({ code, nameZh, nameEn }: NamedCodeDto): NamedCodeDto => ({ code, nameZh, nameEn });

@ApiTags('programme')
@Controller('policy')
export class PolicyController {
  constructor(@Inject(PROGRAMME_POLICY) private readonly policy: PolicyPack) {}

  @Get()
  @Reads('programme-overview')
  @ApiOkResponse({
    type: PolicyVocabularyDto,
    description:
      "The programme's counties, kinds, industries, batches, rewards, ratings and other codes, with names; the selection's scale and the county quota.",
  })
  @ApiProblems(401, 403)
  vocabulary(): PolicyVocabularyDto {
    const p = this.policy;
    return {
      id: p.id,
      version: p.version,
      titleZh: p.title.zh,
      titleEn: p.title.en,
      counties: p.counties.map(named),
      candidateKinds: p.candidateKinds.map(named),
      industries: p.industries.map(named),
      memberUnits: p.memberUnits.map(named),
      batches: p.batches.map(({ id, applicationOpensOn, applicationClosesOn, listPublishedBy }) => ({
        id,
        applicationOpensOn,
        applicationClosesOn,
        listPublishedBy,
      })),
      rewards: p.rewards.map((reward) => ({ ...named(reward), amountYuan: reward.amountYuan })),
      ratings: p.yearlyReview.ratings.map(named),
      planDocuments: p.planning.documents.map(named),
      criteria: p.selection.criteria.map((criterion) => ({
        ...named(criterion),
        weightPercent: criterion.weightPercent,
      })),
      applicationConditions: (p.application?.conditions ?? []).map((condition) => ({
        ...named(condition),
        kinds: [...(condition.kinds ?? p.candidateKinds.map((kind) => kind.code))],
      })),
      fundingSources: (p.measures?.fundingSources ?? []).map(named),
      acceptanceCriteria: (p.finalAcceptance.criteria ?? []).map(named),
      approvalProcedures: (p.measures?.approvalProcedures ?? []).map(named),
      fastTrackMethods: (p.measures?.fastTrackMethods ?? []).map(named),
      selection: {
        maxCriterionScore: p.selection.maxCriterionScore,
        passingScore: p.selection.passingScore,
        maxListedPerBatch: p.selection.maxListedPerBatch,
      },
      quota: { minTownsPerCounty: p.quota.minTownsPerCounty, maxTownsPerCounty: p.quota.maxTownsPerCounty },
    };
  }
}
