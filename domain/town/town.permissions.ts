/**
 * Which seat issues which town command (§III.1): counties apply, plan and report; the joint-meeting
 * office (the Construction Bureau) scores, reviews and rates; the joint meeting's decisions are
 * recorded by its secretary; finance pays; land resources grants land support; member units inspect;
 * deadlines are fired by `system`. Auditors and administrators read only.
 */
import type { Seat } from '../shared/seats';
import type { TownCommandType } from './town.commands';

export const townCommandSeats: Readonly<Record<TownCommandType, readonly Seat[]>> = {
  ApplyForTown: ['county-official'],
  RecordSelection: ['joint-meeting-secretary', 'system'],
  PayReward: ['finance-bureau'],
  SubmitPlan: ['county-official'],
  MarkPlanOverdue: ['system'],
  GrantPlanExtension: ['joint-meeting-office'],
  ApprovePlan: ['joint-meeting-office'],
  ReturnPlan: ['joint-meeting-office'],
  OpenYearlyReview: ['system'],
  SubmitYearlyStatistics: ['county-official'],
  GrantStatisticsExtension: ['joint-meeting-office'],
  RateMissingStatisticsUnqualified: ['system'],
  RateTown: ['joint-meeting-office'],
  GrantLandSupport: ['land-resources-bureau'],
  RegisterProject: ['county-official'],
  ScheduleKeyProject: ['joint-meeting-office'],
  RecordProjectApproval: ['joint-meeting-office'],
  RecordProjectProgress: ['county-official'],
  RecordFunding: ['county-official', 'finance-bureau'],
  RecordObservationRecheck: ['joint-meeting-office'],
  ExpireObservationRecheck: ['system'],
  RecordProgressCheck: ['joint-meeting-office'],
  ExpireProgressCheck: ['system'],
  EndTownSupport: ['system'],
  RecordProvincialRecommendation: ['joint-meeting-secretary', 'system'],
  RecordProvincialDecision: ['joint-meeting-office'],
  StartFinalAcceptance: ['system'],
  RecordSiteInspection: ['member-unit-inspector'],
  FormAcceptanceOpinion: ['joint-meeting-office'],
  RecordAcceptanceDeliberation: ['joint-meeting-secretary'],
  SendDeadlineReminder: ['system'],
};
