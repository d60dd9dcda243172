/**
 * An audit job as its workflow and its activity see it (docs/decisions/0051-auditor-api-and-jobs.md).
 * Plain data only: it travels as Temporal payloads.
 */
import type { PolicyPack } from '../domain/policy/policy-pack.schema';

export const auditJobKinds = ['verify', 'replay', 'redecide', 'export'] as const;
export type AuditJobKind = (typeof auditJobKinds)[number];

/** What to do; only the options of the job's own kind. */
export type AuditJobSpec =
  | { readonly kind: 'verify' }
  /** One town's bundle (every other event redacted), or the whole programme's without `townId`. */
  | { readonly kind: 'export'; readonly townId?: string }
  /** Without ids: every workflow the replay finds on its own. */
  | { readonly kind: 'replay'; readonly workflowIds?: readonly string[] }
  /** Without `whatIf`: every step under the rules it was decided under. */
  | { readonly kind: 'redecide'; readonly townId?: string; readonly whatIf?: PolicyPack };

export interface AuditJobInput {
  /** A UUID; also the name of the job's directory. */
  readonly jobId: string;
  readonly requestedBy: { readonly userId: string; readonly seat: string };
  readonly requestedAt: string;
  readonly job: AuditJobSpec;
  /**
   * How long the job's files are kept once it has finished, then deleted (decision 0077). Absent from
   * jobs started before files were deleted: theirs are kept.
   */
  readonly filesRetentionHours?: number;
}

/** What the workflow that deletes a finished job's files is given. */
export interface AuditJobFilesInput {
  readonly jobId: string;
  readonly retentionHours: number;
}

export interface AuditJobProgress {
  /** The activity attempt reporting: a retried job starts counting again. */
  readonly attempt: number;
  readonly done: number;
  readonly total: number | null;
  /** What is counted: `events` (verify, export), or what the replay or re-decision counts. */
  readonly unit: string;
}

export interface AuditJobFile {
  /** Path inside the job's directory, `/`-separated (`manifest.json`, `keys/<keyId>.public.pem`). */
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface AuditJobResult {
  readonly kind: AuditJobKind;
  /** The report's own verdict (`ok`), when it gives one. */
  readonly ok: boolean | null;
  /** The report's top-level fields that are not lists and are small: counts, digests, the first finding. */
  readonly summary: Readonly<Record<string, unknown>>;
  /** The whole report when its JSON is at most `inlineReportLimitBytes`; always in `report.json`. */
  readonly report: unknown;
  readonly reportTruncated: boolean;
  readonly files: readonly AuditJobFile[];
  readonly finishedAt: string;
}

/**
 * Temporal refuses payloads over 2 MB, and a job's status is read often: a report larger than this is
 * only a file, its summary in the status.
 */
export const inlineReportLimitBytes = 256 * 1024;

export const reportFileName = 'report.json';
