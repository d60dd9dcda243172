/**
 * Final acceptance (§IV.4): member units inspect on site, the office forms an acceptance opinion, the
 * joint meeting deliberates; the town is then closed, accepted or not.
 */
import { findMemberUnit } from '../policy/policy-rules';
import { requireReached } from '../shared/command-rules';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type {
  AcceptanceFinding,
  FormAcceptanceOpinion,
  RecordAcceptanceDeliberation,
  RecordSiteInspection,
} from './town.commands';
import type { TownEvent } from './town.events';
import { requireActive, requireOwnUnit, requireText } from './town.guards';
import type { AcceptanceState, TownState } from './town.state';

export function startFinalAcceptance(state: TownState, ctx: DecisionContext): TownEvent[] {
  if (state.status === 'final-acceptance') return [];
  requireActive(state);
  const startsAt = state.schedule?.finalAcceptanceStartsAt;
  if (!startsAt) throw refuse('TOWN_NOT_LISTED');
  requireReached(ctx.now, startsAt, 'final-acceptance');
  const reviewsHeld = Object.keys(state.ratingsByYear).length;
  return [{ type: 'FinalAcceptanceStarted', data: { startedAt: ctx.now, reviewsHeld } }];
}

function openAcceptance(state: TownState): AcceptanceState {
  if (state.status === 'closed') throw refuse('TOWN_CLOSED');
  if (state.status !== 'final-acceptance' || !state.acceptance) throw refuse('ACCEPTANCE_NOT_STARTED');
  return state.acceptance;
}

export function recordSiteInspection(
  command: RecordSiteInspection,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  const acceptance = openAcceptance(state);
  if (acceptance.opinion) throw refuse('OPINION_ALREADY_FORMED');
  const unit = findMemberUnit(ctx.policy, command.data.unit);
  if (!unit) throw refuse('MEMBER_UNIT_UNKNOWN', { unit: command.data.unit });
  requireOwnUnit(ctx, unit.code);
  if (acceptance.inspections.some((inspection) => inspection.unit === unit.code)) {
    throw refuse('INSPECTION_ALREADY_RECORDED', {
      unit: unit.nameZh,
      unitEn: unit.nameEn,
      unitCode: unit.code,
    });
  }
  const { satisfactory, findings } = command.data;
  return [
    {
      type: 'SiteInspected',
      data: { unit: unit.code, satisfactory, findings, inspectorId: ctx.actor.userId },
    },
  ];
}

export function formAcceptanceOpinion(
  command: FormAcceptanceOpinion,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  const acceptance = openAcceptance(state);
  if (acceptance.opinion) throw refuse('OPINION_ALREADY_FORMED');
  const min = ctx.policy.finalAcceptance.minInspectingUnits;
  if (acceptance.inspections.length < min) {
    throw refuse('INSPECTIONS_INCOMPLETE', { min, count: acceptance.inspections.length });
  }
  requireText(command.data.opinion, 'opinion');
  const findings = criterionFindings(command, ctx);
  return [
    {
      type: 'AcceptanceOpinionFormed',
      data: {
        recommendation: command.data.recommendation,
        opinion: command.data.opinion,
        inspectingUnits: acceptance.inspections.map((inspection) => inspection.unit),
        ...(findings === undefined ? {} : { findings }),
      },
    },
  ];
}

/**
 * §IV.4 "如期完成…目标, 符合…内涵特征, …知名度, …公认度": where the pack sets criteria, the opinion gives a
 * finding on each, and may recommend acceptance only when every one is met.
 */
function criterionFindings(
  command: FormAcceptanceOpinion,
  ctx: DecisionContext,
): Record<string, AcceptanceFinding> | undefined {
  const codes = (ctx.policy.finalAcceptance.criteria ?? []).map((criterion) => criterion.code);
  const given = command.data.findings ?? {};
  const answered = Object.keys(given);
  if (answered.length !== codes.length || !codes.every((code) => answered.includes(code))) {
    throw refuse('ACCEPTANCE_FINDINGS_MISMATCH', { field: 'findings', criteria: codes, given: answered });
  }
  if (codes.length === 0) return undefined;
  const findings: Record<string, AcceptanceFinding> = {};
  for (const code of codes) {
    const finding = given[code];
    requireText(finding?.finding, `findings.${code}.finding`);
    findings[code] = { met: finding?.met === true, finding: finding?.finding.trim() ?? '' };
  }
  const unmet = codes.filter((code) => findings[code]?.met !== true);
  if (command.data.recommendation === 'accept' && unmet.length > 0) {
    throw refuse('ACCEPTANCE_CRITERIA_NOT_MET', { criteria: unmet });
  }
  return findings;
}

export function recordAcceptanceDeliberation(
  command: RecordAcceptanceDeliberation,
  state: TownState,
): TownEvent[] {
  const acceptance = openAcceptance(state);
  if (!acceptance.opinion) throw refuse('OPINION_MISSING');
  requireText(command.data.minutesRef, 'minutesRef');
  const { accepted, minutesRef } = command.data;
  return [
    { type: 'AcceptanceDeliberated', data: { accepted, minutesRef } },
    { type: 'TownClosed', data: { outcome: accepted ? 'accepted' : 'not-accepted' } },
  ];
}
