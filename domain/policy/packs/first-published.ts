/**
 * The packs as they were first published, before the parameters that let them say what the Pingxiang
 * document says (docs/decisions/0110). Events name the first editions by their versions, and an auditor
 * re-decides those events under exactly those rules: each edition is the current content without the
 * fields added since, and every field added since reads, when absent, as the rule the first edition
 * was decided under. A unit test holds each edition to the version its events recorded.
 */
import type { PolicyPackContent } from '../policy-pack.schema';

export function asFirstPublished(content: PolicyPackContent): PolicyPackContent {
  const { application: _application, measures: _measures, ...rest } = content;
  const { applications: _applications, exitFreesPlace: _exitFreesPlace, ...quota } = content.quota;
  const { landSupportYearOffset: _offset, ...yearlyReview } = content.yearlyReview;
  const {
    retakeAfterFailure: _retake,
    requiresApprovedPlan: _plan,
    ...progressCheck
  } = content.progressCheck;
  const {
    maxRecommended: _maxRecommended,
    recommendAgain: _recommendAgain,
    ...provincialRecommendation
  } = content.provincialRecommendation;
  const { criteria: _criteria, ...finalAcceptance } = content.finalAcceptance;
  return { ...rest, quota, yearlyReview, progressCheck, provincialRecommendation, finalAcceptance };
}
