/**
 * How a chain of runs names what it addresses, carried in its input so that every run of the chain
 * names things as its first run did: `unambiguous` for programmes started since decision 0062; absent
 * for older chains, whose batches keep the hyphenated names they were started with. The names
 * themselves are each aggregate's `streamOf` (domain/aggregates.ts).
 */
export type EntityNaming = 'unambiguous';
