import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { testServerChannelArgs } from './temporal-connection';

/**
 * Custom search attributes the application registers on its namespace, so operators can list
 * workflows by county, batch, status, kind of entity or programme in the Temporal UI and through the
 * visibility API (`temporal workflow list --query 'TownCounty = "luxi" AND TownStatus = "planning"'`).
 * The workflows keep them up to date (workflows/shared/search-attributes.ts, decision 0127); a namespace
 * without them fails every workflow task that upserts them, so each place that prepares a namespace
 * registers this list: the dev-server launcher by flag, the time-skipping servers by the operator API,
 * and a cluster's operator by `temporal operator search-attribute create` (docs/deployment.md).
 */
export const townSearchAttributes = {
  /** The town's county (its code, e.g. `luxi`). */
  TownCounty: 'Keyword',
  /** The batch a town applied in, or a batch's own id. */
  TownBatch: 'Keyword',
  /** The entity's own status: a town's (`planning`), a batch's (`open`) or a programme's (`started`). */
  TownStatus: 'Keyword',
  ProgrammeId: 'Keyword',
  /** `town`, `batch` or `programme`. */
  EntityKind: 'Keyword',
} as const;

export type TownSearchAttributeName = keyof typeof townSearchAttributes;

const indexedValueTypes = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
} as const;

/**
 * For the time-skipping test server, which the CLI's `--search-attribute` flag does not start (its
 * connections keep to its stricter pings, as every other connection to it).
 */
export async function registerSearchAttributesOnTestServer(
  address: string,
  namespace: string,
): Promise<void> {
  const connection = await Connection.connect({
    address,
    connectTimeout: 5_000,
    channelArgs: testServerChannelArgs,
  });
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        Object.entries(townSearchAttributes).map(([name, type]) => [name, indexedValueTypes[type]]),
      ),
    });
  } finally {
    await connection.close();
  }
}
