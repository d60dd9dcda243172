/**
 * The content of every pack this build carries, as data, unvalidated: what a workflow rebuilds a pack
 * from when it is handed a reference instead of the pack (policy-reference.ts). Only data is loaded
 * here, so a workflow that imports this validates and hashes nothing until it needs a pack. The list is
 * policy-registry.ts's, current and earlier editions alike; a unit test holds the two to each other.
 */
import type { PolicyPackContent } from './policy-pack.schema';
import { asFirstPublished } from './packs/first-published';
import { jiangxiStyleObservationContent } from './packs/jiangxi-style-observation.content';
import { pingxiang2017Content } from './packs/pingxiang-2017.content';

export const builtInPackContents: readonly (() => PolicyPackContent)[] = [
  () => pingxiang2017Content,
  () => jiangxiStyleObservationContent,
  () => asFirstPublished(pingxiang2017Content),
  () => asFirstPublished(jiangxiStyleObservationContent),
];
