/**
 * Every pack a programme runs under, kept in the log itself: events name their pack only by id and
 * version, and a pack made at start-up (a rehearsal calendar, a pack read from a file) is in no
 * registry. The full document is appended once per version, to the stream `policy-<packId>`, as a
 * `PolicyPackAdopted` event whose id is derived from the version, so recording it again is a no-op.
 */
import { createHash } from 'node:crypto';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { Actor, NewEvent } from '../../domain/shared/event-envelope';
import type { EventStore } from '../event-store/event-store.port';

export const POLICY_PACK_ADOPTED = 'PolicyPackAdopted';

export interface PolicyPackAdoptedData {
  /** The pack's whole document, its `version` included, exactly as the programme ran it. */
  readonly pack: PolicyPack;
}

/** Who records a pack: the process that starts the programme, not a person. */
const STARTER: Actor = { userId: 'programme-starter', seat: 'system' };

/** One stream per pack id: its versions in the order they were first run. */
export function policyPackStream(packId: string): string {
  return `policy-${packId}`;
}

/**
 * A UUID (version 8, "custom") made of the SHA-256 of the version: the same pack always gets the same
 * event id, which the store takes as "already stored".
 */
export function policyPackEventId(version: string): string {
  const hex = createHash('sha256').update(`${POLICY_PACK_ADOPTED}:${version}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function policyPackAdopted(
  pack: PolicyPack,
  options: { readonly now: string; readonly correlationId: string },
): NewEvent<PolicyPackAdoptedData> {
  const id = policyPackEventId(pack.version);
  return {
    id,
    type: POLICY_PACK_ADOPTED,
    data: { pack },
    occurredAt: options.now,
    metadata: {
      actor: STARTER,
      causationId: id,
      correlationId: options.correlationId,
      policy: { id: pack.id, version: pack.version },
    },
  };
}

/**
 * Appends the pack's document unless this version is already there. Called before a programme's
 * workflow starts, so no event decided under the pack can be in the log before the pack is.
 */
export async function recordPolicyPack(
  store: Pick<EventStore, 'append'>,
  pack: PolicyPack,
  options: { readonly programmeId: string; readonly now?: string },
): Promise<{ readonly alreadyStored: boolean }> {
  const event = policyPackAdopted(pack, {
    now: options.now ?? new Date().toISOString(),
    correlationId: `programme-start:${options.programmeId}`,
  });
  // `any`: versions of one pack id share the stream, and a retry finds its own event stored.
  const result = await store.append(policyPackStream(pack.id), [event], 'any');
  return { alreadyStored: result.alreadyStored };
}
