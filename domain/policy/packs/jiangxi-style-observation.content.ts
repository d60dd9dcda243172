/**
 * A second programme, to show that a different rulebook is a different file and not different code:
 * Pingxiang's counties and calendar under a Jiangxi-style exit rule. An unqualified town is first put
 * on an observation list and leaves only if a site re-check a year later fails; plans are refused
 * once late instead of being taken as late. Illustrative: it is not the text of an issued document.
 */
import type { PolicyPackContent } from '../policy-pack.schema';
import { pingxiang2017Content } from './pingxiang-2017.content';

export const jiangxiStyleObservationContent: PolicyPackContent = {
  ...pingxiang2017Content,
  id: 'jiangxi-style-observation',
  title: {
    zh: '特色小镇培育方案（观察名单示例）',
    en: 'Characteristic-town programme with an observation list (example)',
  },
  source: {
    ...pingxiang2017Content.source,
    note: 'Example pack: Pingxiang 2017 with the provincial-style observation list and strict plan deadlines.',
  },
  planning: { ...pingxiang2017Content.planning, lateSubmission: 'refuse' },
  yearlyReview: {
    ...pingxiang2017Content.yearlyReview,
    ratings: pingxiang2017Content.yearlyReview.ratings.map((rating) =>
      rating.consequence === 'exit' ? { ...rating, consequence: 'observation' as const } : rating,
    ),
    observation: { recheckWithinMonths: 12, onRecheckMissing: 'exit' },
  },
};
