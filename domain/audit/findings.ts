/**
 * What verification can find wrong, each with a stable code and a message in Chinese and English for
 * the auditors' reports. A finding names the first place the log stops agreeing with what was recorded.
 */
import type { BilingualCatalogue } from '../shared/bilingual-text';

export const findingCatalogue = {
  CONTENT_MISMATCH: {
    zh: '事件内容与其记录时的哈希不符：该事件在写入后被修改',
    en: "The event's content does not match the hash recorded with it: it was changed after it was written",
  },
  BROKEN_LINK: {
    zh: '事件的链哈希不能由同一流中前一事件推出：该事件或其哈希被改写',
    en: "The event's chain hash does not follow from the previous event of its stream: the event or its hashes were rewritten",
  },
  VERSION_GAP: {
    zh: '流版本不连续：该流中缺少事件',
    en: 'The stream skips a version: an event of this stream is missing',
  },
  POSITION_GAP: {
    zh: '全局位置不连续：日志中缺少事件',
    en: 'The log skips a global position: an event is missing',
  },
  POSITION_ORDER: {
    zh: '事件不在其记录时的位置：日志顺序被改动',
    en: 'The event is not where the log recorded it: the order of the log was changed',
  },
  EVENT_NOT_AS_SEALED: {
    zh: '该位置的事件不是检查点封存时的事件：它被改写（哈希已重算）、移动，或其前的事件被删除或插入',
    en: 'The event at this position is not the one a checkpoint sealed there: it was rewritten (with its hashes recomputed), moved, or an event before it was removed or inserted',
  },
  CHECKPOINT_MISMATCH: {
    zh: '日志与已签名的检查点不符',
    en: 'The log does not match a signed checkpoint',
  },
  CHECKPOINT_SCHEMA_MISMATCH: {
    zh: '检查点所载的存储结构版本与存储的升级记录不符',
    en: "The schema version a checkpoint names is not the one the store's record of upgrades gives at that position",
  },
  BAD_SIGNATURE: {
    zh: '签名无效',
    en: 'The signature is not valid',
  },
  UNKNOWN_KEY: {
    zh: '签名所用的密钥不在受信任的公钥中',
    en: 'Signed with a key that is not among the trusted public keys',
  },
  BUNDLE_MISMATCH: {
    zh: '审计包的文件与其清单不符',
    en: "The bundle's files do not match its manifest",
  },
  MALFORMED_ENTRY: {
    zh: '无法读取的记录',
    en: 'An entry that cannot be read',
  },
} as const satisfies BilingualCatalogue;

export type FindingCode = keyof typeof findingCatalogue;

export interface Finding {
  readonly code: FindingCode;
  /** Global position of the event concerned (decimal), or the missing position; null when none applies. */
  readonly position: string | null;
  readonly stream?: string;
  readonly streamVersion?: number;
  readonly eventId?: string;
  /** The checkpoint concerned, by sequence number. */
  readonly checkpoint?: number;
  readonly expected?: string;
  readonly actual?: string;
  /** What is wrong, in English, with the specifics. */
  readonly message: string;
}
