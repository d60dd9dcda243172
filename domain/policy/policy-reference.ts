/**
 * A pack handed on by reference (docs/decisions/0130). Every town a batch starts would otherwise carry
 * the whole pack in its start input, and the batch would carry it again in each start it schedules: ~18
 * KiB a town, twice. When the pack is one this build carries — as written, or moved to a rehearsal
 * calendar — a reference names it (id, version, rehearsal date) with the version of the pack it must
 * rebuild to; the workflow rebuilds it from the code and checks that version, so the history still
 * says exactly which rules applied. A pack this build cannot rebuild (one read from a file) is handed
 * on whole, as before.
 */
import { refuse } from '../shared/domain-refusal';
import { builtInPackContents } from './built-in-pack-contents';
import { definePolicyPack, parsePolicyPack } from './define-policy-pack';
import { builtOnce } from './parsed-packs';
import type { PolicyPack } from './policy-pack.schema';
import { rehearsalOf, rehearsalOpeningOf } from './rehearsal-calendar';

export interface PolicyReference {
  /** A pack of this build by id and version, moved to a rehearsal calendar when the date is given. */
  readonly builtIn: { readonly id: string; readonly version: string; readonly rehearsalOpensOn?: string };
  /** The version (content hash) of the pack the reference must rebuild to. */
  readonly version: string;
}

/** What a workflow is started with: the pack, or a reference to one this build carries. */
export type PolicyInput = PolicyPack | PolicyReference;

export function isPolicyReference(input: PolicyInput): input is PolicyReference {
  return 'builtIn' in input;
}

/** The pack of this build at this place of the list, validated and hashed once per worker. */
function builtInPackAt(index: number): PolicyPack {
  return builtOnce(`built-in #${index}`, () => definePolicyPack(builtInPackContents[index]?.()));
}

/** The places in the list of this build's packs with this id (the current edition and earlier ones). */
function placesOf(id: string): number[] {
  return builtInPackContents.flatMap((content, index) => (content().id === id ? [index] : []));
}

/** The pack of this build with exactly this id and version. */
function builtInPack(id: string, version: string): PolicyPack | undefined {
  return placesOf(id)
    .map(builtInPackAt)
    .find((pack) => pack.version === version);
}

/** The pack a reference names; refused when this build does not carry it or it rebuilds to another version. */
export function resolvePolicyReference({ builtIn, version }: PolicyReference): PolicyPack {
  const { id, rehearsalOpensOn } = builtIn;
  const base = builtInPack(id, builtIn.version);
  if (!base) throw refuse('POLICY_UNKNOWN', { policyId: `${id}@${builtIn.version}` });
  const pack =
    rehearsalOpensOn === undefined
      ? base
      : builtOnce(`rehearsal of ${id}@${base.version} from ${rehearsalOpensOn}`, () =>
          rehearsalOf(base, rehearsalOpensOn),
        );
  // Checked at every resolution, not only when built: the version is what the reference promises.
  if (pack.version !== version)
    throw refuse('POLICY_VERSION_MISMATCH', { claimed: version, actual: pack.version });
  return pack;
}

/** The pack a workflow was started with, validated: parsed when whole, rebuilt when referenced. */
export function policyOfInput(input: PolicyInput): PolicyPack {
  return isPolicyReference(input) ? resolvePolicyReference(input) : parsePolicyPack(input);
}

/**
 * What to hand a workflow this one starts: a reference when this build rebuilds exactly `pack` from one
 * (as written, or a rehearsal of a built-in pack, recognised by the id rehearsalOf gives it), the pack
 * itself otherwise.
 */
export function policyInputOf(pack: PolicyPack): PolicyInput {
  for (const builtInId of new Set(builtInPackContents.map((content) => content().id))) {
    const named = namedBy(pack.id, builtInId);
    if (!named) continue;
    for (const base of placesOf(builtInId).map(builtInPackAt)) {
      const reference: PolicyReference = {
        builtIn: { ...named, version: base.version },
        version: pack.version,
      };
      if (rebuilds(reference)) return reference;
    }
  }
  return pack;
}

/** The built-in pack (and rehearsal date) a pack's id names, if it names `builtInId`. */
function namedBy(packId: string, builtInId: string): { id: string; rehearsalOpensOn?: string } | undefined {
  if (packId === builtInId) return { id: builtInId };
  const rehearsalOpensOn = rehearsalOpeningOf(packId, builtInId);
  return rehearsalOpensOn === undefined ? undefined : { id: builtInId, rehearsalOpensOn };
}

/** True when this build rebuilds the pack a reference names, at the version it promises. */
function rebuilds(reference: PolicyReference): boolean {
  try {
    resolvePolicyReference(reference);
    return true;
  } catch {
    // Not a pack of this build after all (a rehearsal date that is no date, an edited pack): handed on whole.
    return false;
  }
}
