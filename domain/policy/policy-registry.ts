/**
 * The packs this build knows. Events name a pack by id and version, so a pack, once used, is kept here
 * unchanged; a changed rule is a new pack (or a new version auditors can tell apart by its hash), and
 * the earlier versions stay findable by their versions.
 */
import { jiangxiStyleObservationFirstEdition, pingxiang2017FirstEdition } from './packs/first-editions';
import { jiangxiStyleObservation } from './packs/jiangxi-style-observation';
import { pingxiang2017 } from './packs/pingxiang-2017';
import { refuse } from '../shared/domain-refusal';
import type { PolicyPack } from './policy-pack.schema';

/** The current version of each pack: what a new programme runs. */
const packs: readonly PolicyPack[] = [pingxiang2017, jiangxiStyleObservation];
/** Versions events may still name, kept for re-deciding them. */
const earlierEditions: readonly PolicyPack[] = [
  pingxiang2017FirstEdition,
  jiangxiStyleObservationFirstEdition,
];

export const policyIds: readonly string[] = packs.map((pack) => pack.id);

export function findPolicy(id: string): PolicyPack | undefined {
  return packs.find((pack) => pack.id === id);
}

/** The pack with that id and exactly that version, as an auditor re-deciding a step needs it. */
export function findPolicyVersion(id: string, version: string): PolicyPack | undefined {
  return [...packs, ...earlierEditions].find((pack) => pack.id === id && pack.version === version);
}

/** Like findPolicy, for callers that cannot go on without the pack: refuses with POLICY_UNKNOWN. */
export function requirePolicy(id: string): PolicyPack {
  const pack = findPolicy(id);
  if (!pack) throw refuse('POLICY_UNKNOWN', { policyId: id });
  return pack;
}
