/**
 * The packs this build knows. Events name a pack by id and version, so a pack, once used, is kept here
 * unchanged; a changed rule is a new pack (or a new version auditors can tell apart by its hash).
 */
import { jiangxiStyleObservation } from './packs/jiangxi-style-observation';
import { pingxiang2017 } from './packs/pingxiang-2017';
import { refuse } from '../shared/domain-refusal';
import { PolicyPack } from './policy-pack.schema';

const packs: readonly PolicyPack[] = [pingxiang2017, jiangxiStyleObservation];

export const policyIds: readonly string[] = packs.map((pack) => pack.id);

export function findPolicy(id: string): PolicyPack | undefined {
  return packs.find((pack) => pack.id === id);
}

/** The pack with that id and exactly that version, as an auditor re-deciding a step needs it. */
export function findPolicyVersion(id: string, version: string): PolicyPack | undefined {
  const pack = findPolicy(id);
  return pack?.version === version ? pack : undefined;
}

/** Like findPolicy, for callers that cannot go on without the pack: refuses with POLICY_UNKNOWN. */
export function requirePolicy(id: string): PolicyPack {
  const pack = findPolicy(id);
  if (!pack) throw refuse('POLICY_UNKNOWN', { policyId: id });
  return pack;
}
