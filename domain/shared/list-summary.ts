/**
 * What stands for an aggregate's growing lists in a continue-as-new input (decisions 0067, 0097): their
 * lengths and the SHA-256 of their canonical JSON. The next run reads the lists back from the stream and
 * checks them against it before deciding anything on them.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from '../policy/policy-version';

/** A list, or a map keyed by town (counted by its keys). */
export type SummarisedCollection = readonly unknown[] | Readonly<Record<string, unknown>>;

export type ListsSummary<K extends string> = { readonly [P in K]: number } & { readonly digest: string };

const lengthOf = (collection: SummarisedCollection): number =>
  Array.isArray(collection) ? collection.length : Object.keys(collection).length;

/** Counts in the lists' own key order, then the digest (callers compare summaries as JSON). */
export function summariseLists<K extends string>(
  lists: Readonly<Record<K, SummarisedCollection>>,
): ListsSummary<K> {
  const counts = Object.fromEntries(
    Object.entries<SummarisedCollection>(lists).map(([name, collection]) => [name, lengthOf(collection)]),
  );
  const digest = bytesToHex(sha256(utf8ToBytes(canonicalJson(lists))));
  return { ...counts, digest } as ListsSummary<K>;
}

/**
 * The lists read back from a stream did not match what the run that handed over carried: the stream or
 * the read is not what the workflow believed, and deciding on these lists would decide on a wrong record.
 */
export class ListsUnlikeSummary extends Error {
  override readonly name = 'ListsUnlikeSummary';
  readonly code = 'LISTS_UNLIKE_SUMMARY';
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(stream: string, throughVersion: number, read: object, carried: object) {
    const found = `${JSON.stringify(read)} ≠ ${JSON.stringify(carried)}`;
    const messageEn = `The stream ${stream} through version ${throughVersion} does not hold the lists the last run carried (${found})`;
    super(messageEn);
    this.messageEn = messageEn;
    this.messageZh = `事件流 ${stream}(至版本 ${throughVersion})中的列表与上一运行移交的摘要不符(${found})`;
  }
}

/** Throws `ListsUnlikeSummary` unless the lists read back have the counts and digest carried. */
export function checkAgainstSummary<K extends string>(
  where: { readonly stream: string; readonly throughVersion: number },
  lists: Readonly<Record<K, SummarisedCollection>>,
  carried: ListsSummary<NoInfer<K>>,
): void {
  const unlike = unlikeSummary(where, lists, carried);
  if (unlike) throw unlike;
}

/** How the lists read back differ from the summary carried; undefined when they match it. */
export function unlikeSummary<K extends string>(
  where: { readonly stream: string; readonly throughVersion: number },
  lists: Readonly<Record<K, SummarisedCollection>>,
  carried: ListsSummary<NoInfer<K>>,
): ListsUnlikeSummary | undefined {
  const read = summariseLists(lists);
  // Compared canonically: a summary that travelled through an input may have its keys in another order.
  if (canonicalJson(read) === canonicalJson(carried)) return undefined;
  return new ListsUnlikeSummary(where.stream, where.throughVersion, read, carried);
}
