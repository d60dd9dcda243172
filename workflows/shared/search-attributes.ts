import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { patched, upsertSearchAttributes } from '@temporalio/workflow';

/** Runs without this marker never upserted search attributes, and replay without (decision 0127). */
const SEARCH_ATTRIBUTES_PATCH = 'search-attributes';

/** Registered in the namespace by infra/temporal/search-attributes.ts (a unit test holds the two together). */
export const searchAttributeKeys = {
  TownCounty: defineSearchAttributeKey('TownCounty', SearchAttributeType.KEYWORD),
  TownBatch: defineSearchAttributeKey('TownBatch', SearchAttributeType.KEYWORD),
  TownStatus: defineSearchAttributeKey('TownStatus', SearchAttributeType.KEYWORD),
  ProgrammeId: defineSearchAttributeKey('ProgrammeId', SearchAttributeType.KEYWORD),
  EntityKind: defineSearchAttributeKey('EntityKind', SearchAttributeType.KEYWORD),
} as const;

export type EntityKind = 'town' | 'batch' | 'programme';

/** What an entity says about itself; a value not known yet (null) is left unset. */
export type EntitySearchValues = { readonly EntityKind: EntityKind } & Partial<
  Record<Exclude<keyof typeof searchAttributeKeys, 'EntityKind'>, string | null>
>;

/**
 * Keeps an entity's search attributes equal to its state, called at the start and after every step: only
 * changed values are upserted (a step that leaves them adds nothing), and a replay upserts the same.
 */
export function searchAttributesKeeper(): (values: EntitySearchValues) => void {
  const keeps = patched(SEARCH_ATTRIBUTES_PATCH);
  const kept = new Map<keyof typeof searchAttributeKeys, string>();
  return (values) => {
    if (!keeps) return; // Pre-patch path: runs recorded before never upserted.
    const changed = (Object.keys(searchAttributeKeys) as (keyof typeof searchAttributeKeys)[]).flatMap(
      (name) => {
        const value = values[name];
        return value === null || value === undefined || kept.get(name) === value ? [] : [{ name, value }];
      },
    );
    if (changed.length === 0) return;
    upsertSearchAttributes(changed.map(({ name, value }) => ({ key: searchAttributeKeys[name], value })));
    for (const { name, value } of changed) kept.set(name, value);
  };
}
