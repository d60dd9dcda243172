/** The first editions of the packs, validated (first-published.ts says what a first edition is). */
import { definePolicyPack } from '../define-policy-pack';
import type { PolicyPack } from '../policy-pack.schema';
import { asFirstPublished } from './first-published';
import { jiangxiStyleObservationContent } from './jiangxi-style-observation.content';
import { pingxiang2017Content } from './pingxiang-2017.content';

export { asFirstPublished };

export const pingxiang2017FirstEdition: PolicyPack = definePolicyPack(asFirstPublished(pingxiang2017Content));

export const jiangxiStyleObservationFirstEdition: PolicyPack = definePolicyPack(
  asFirstPublished(jiangxiStyleObservationContent),
);
