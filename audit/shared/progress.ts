/**
 * How far a run over the log has come: verification, export, checkpointing and the state at a date
 * report it alike.
 */
export interface Progress {
  readonly entries: number;
  readonly position: bigint;
  /** The log's last position when the run started, if the source knows it. */
  readonly lastPosition: bigint | undefined;
}
