/**
 * A command broke a rule of the programme. Every `decide` throws this (never a string, never a bare
 * Error) so that callers can branch on `code` and show the Chinese or English message as it stands.
 */
import { fillTemplate as fill } from './bilingual-text';
import { RefusalCode, refusalCatalogue } from './refusal-catalogue';

export { refusalCatalogue, refusalCodes } from './refusal-catalogue';
export type { RefusalCode } from './refusal-catalogue';

/** A refusal as it travels: Temporal failure details, HTTP bodies, a workflow's answer to another. */
export interface RefusalDetails {
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details?: Record<string, unknown>;
}

export class DomainRefusal extends Error {
  override readonly name = 'DomainRefusal';
  readonly code: RefusalCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details?: Record<string, unknown>;

  constructor(code: RefusalCode, details?: Record<string, unknown>) {
    const template = refusalCatalogue[code];
    const messageEn = fill(template.en, details ?? {});
    super(messageEn);
    this.code = code;
    this.messageEn = messageEn;
    this.messageZh = fill(template.zh, details ?? {});
    if (details !== undefined) this.details = details;
  }

  toJSON(): RefusalDetails {
    return {
      code: this.code,
      messageZh: this.messageZh,
      messageEn: this.messageEn,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** Shorthand used by deciders: `throw refuse('COUNTY_UNKNOWN', { field: 'county', value })`. */
export function refuse(code: RefusalCode, details?: Record<string, unknown>): DomainRefusal {
  return new DomainRefusal(code, details);
}

/** Details that travelled as a failure's first detail (between workflows, or to the API). */
export function isRefusalDetails(value: unknown): value is RefusalDetails {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RefusalDetails).code === 'string' &&
    typeof (value as RefusalDetails).messageEn === 'string'
  );
}

export function isDomainRefusal(error: unknown): error is DomainRefusal {
  return error instanceof DomainRefusal;
}
