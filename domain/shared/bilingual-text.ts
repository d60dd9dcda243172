/**
 * Every code the system shows a person — a refusal, an auditor's finding, a ledger's refusal — carries a
 * message in Chinese and in English. Catalogues map stable codes (what clients and auditors match on) to
 * those messages; `{name}` placeholders are filled from the details of the one case.
 */
export interface BilingualText {
  readonly zh: string;
  readonly en: string;
}

export type BilingualCatalogue = Readonly<Record<string, BilingualText>>;

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(show).join(', ');
  return JSON.stringify(value) ?? 'undefined';
}

/** `template` with each `{name}` replaced by `details[name]`; a name without a detail stays as written. */
export function fillTemplate(template: string, details: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in details ? show(details[key]) : whole,
  );
}
