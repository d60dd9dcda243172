/** Why a process cannot tell which programme to run; each says what the operator can do about it. */
export type ProgrammeChoiceErrorCode =
  | 'PROGRAMME_RECORD_INVALID'
  | 'PROGRAMME_NOT_CHOSEN'
  | 'PROGRAMME_AMBIGUOUS'
  | 'PROGRAMME_MISMATCH'
  | 'PROGRAMME_UNKNOWN'
  | 'PROGRAMME_ALREADY_CHOSEN'
  /** `npm run programme` on training's data directory, whose programme every start chooses anew. */
  | 'PROGRAMME_IN_TRAINING';

export class ProgrammeChoiceError extends Error {
  readonly messageEn: string;
  readonly messageZh: string;

  constructor(
    readonly code: ProgrammeChoiceErrorCode,
    message: { readonly en: string; readonly zh: string },
    options?: { cause?: unknown },
  ) {
    super(`${message.en}\n${message.zh}`, options);
    this.name = 'ProgrammeChoiceError';
    this.messageEn = message.en;
    this.messageZh = message.zh;
  }
}
