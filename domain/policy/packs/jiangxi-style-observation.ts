/** The Jiangxi-style observation pack, validated; its content is data of its own module, as Pingxiang's is. */
import { definePolicyPack } from '../define-policy-pack';
import type { PolicyPack } from '../policy-pack.schema';
import { jiangxiStyleObservationContent } from './jiangxi-style-observation.content';

export { jiangxiStyleObservationContent };

export const jiangxiStyleObservation: PolicyPack = definePolicyPack(jiangxiStyleObservationContent);
