/**
 * The pack a recorded step names (id and version), for re-deciding it: the build's own registry first,
 * then the document the log itself holds (infra/policy-packs/policy-pack-log.ts). A document from the
 * log is trusted only if it is a valid pack whose content hashes to the version it claims; one that
 * does not is reported, never used.
 */
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { findPolicyVersion } from '../../domain/policy/policy-registry';
import { DomainRefusal } from '../../domain/shared/domain-refusal';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { POLICY_PACK_ADOPTED, policyPackStream } from '../../infra/policy-packs/policy-pack-log';

export type PackLookup =
  | { readonly found: 'built-in' | 'log'; readonly pack: PolicyPack }
  | { readonly found: 'none' }
  /** The log holds a document under this version that is not a valid pack of this version. */
  | { readonly found: 'untrusted'; readonly code: string; readonly message: string };

/** Looks each id and version up once per run. */
export function policyPackLookup(
  store: Pick<EventStore, 'readStream'>,
): (id: string, version: string) => Promise<PackLookup> {
  const known = new Map<string, Promise<PackLookup>>();
  return (id, version) => {
    const key = `${id}@${version}`;
    let lookup = known.get(key);
    if (lookup === undefined) {
      lookup = findPack(store, id, version);
      known.set(key, lookup);
    }
    return lookup;
  };
}

async function findPack(
  store: Pick<EventStore, 'readStream'>,
  id: string,
  version: string,
): Promise<PackLookup> {
  const builtIn = findPolicyVersion(id, version);
  if (builtIn) return { found: 'built-in', pack: builtIn };
  const claims = (await store.readStream(policyPackStream(id))).filter(
    (event) => event.type === POLICY_PACK_ADOPTED && claimedVersion(event.data) === version,
  );
  let untrusted: PackLookup | undefined;
  for (const claim of claims) {
    const checked = checkDocument((claim.data as { pack: unknown }).pack, id, version);
    if (checked.found === 'log') return checked;
    untrusted ??= checked;
  }
  return untrusted ?? { found: 'none' };
}

function claimedVersion(data: unknown): unknown {
  const pack = (data as { pack?: unknown } | null)?.pack;
  return typeof pack === 'object' && pack !== null ? (pack as { version?: unknown }).version : undefined;
}

/** Schema and hash: the document's content must hash to exactly the version the steps name. */
export function checkDocument(document: unknown, id: string, version: string): PackLookup {
  let pack: PolicyPack;
  try {
    pack = parsePolicyPack(document);
  } catch (error) {
    if (!(error instanceof DomainRefusal)) throw error;
    return { found: 'untrusted', code: error.code, message: error.messageEn };
  }
  if (pack.version !== version || pack.id !== id) {
    return {
      found: 'untrusted',
      code: 'POLICY_VERSION_MISMATCH',
      message: `The document is ${pack.id}@${pack.version}, not ${id}@${version}`,
    };
  }
  return { found: 'log', pack };
}
