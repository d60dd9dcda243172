/**
 * The one name of each aggregate instance: its workflow's id and its stream are the same string, made
 * here, so the two can never drift apart and a stream tells whose record it is (docs/decisions/0062).
 *
 * A name holding two ids keeps them apart unambiguously: each is URI-encoded (so it holds no `/`) and
 * they are joined by `/`. Names of one id need no separator (`town-<townId>`, `programme-<programmeId>`).
 */

/**
 * How a chain of runs names what it addresses, carried in its input so that every run of the chain
 * names things as its first run did: `unambiguous` for programmes started since decision 0062; absent
 * for older chains, whose batches keep the hyphenated names they were started with.
 */
export type EntityNaming = 'unambiguous';

export function programmeName(programmeId: string): string {
  return `programme-${programmeId}`;
}

export function townName(townId: string): string {
  return `town-${townId}`;
}

/** `batch-<programme>/<batch>`; `batch-<programme>-<batch>` for chains started before decision 0062. */
export function batchName(programmeId: string, batchId: string, naming: EntityNaming | undefined): string {
  return naming === 'unambiguous'
    ? `batch-${encodeURIComponent(programmeId)}/${encodeURIComponent(batchId)}`
    : `batch-${programmeId}-${batchId}`;
}
