/**
 * Custom search attributes the application registers on its namespace, so officials can list
 * workflows by county, batch or status in the Temporal UI and through the visibility API.
 */
export const townSearchAttributes = {
  TownCounty: 'Keyword',
  TownBatch: 'Keyword',
  TownStatus: 'Keyword',
} as const;

export type TownSearchAttributeName = keyof typeof townSearchAttributes;
