/**
 * 萍乡市特色小镇建设工作方案 (2017) as a validated pack. Its content is data of its own module
 * (pingxiang-2017.content.ts), so that workflow code can rebuild the pack from a reference without
 * validating and hashing every pack this build carries when it loads (policy-reference.ts).
 */
import { definePolicyPack } from '../define-policy-pack';
import type { PolicyPack } from '../policy-pack.schema';
import { pingxiang2017Content } from './pingxiang-2017.content';

export { pingxiang2017Content };

export const pingxiang2017: PolicyPack = definePolicyPack(pingxiang2017Content);
