import type { TFunction } from 'i18next';

/** `yearly-statistics:2027` and `statistics-2027` name a year's deadline; others are plain names. */
export function deadlineLabel(t: TFunction, name: string): string {
  const match = /^(.*?)[:-](\d{4})$/.exec(name);
  if (match?.[1] !== undefined) return t(`deadline.${match[1]}`, { year: match[2], defaultValue: name });
  return t(`deadline.${name}`, { defaultValue: name });
}

export function stepLabel(t: TFunction, type: string): string {
  return t(`step.${type}`, { defaultValue: type });
}

export function statusLabel(t: TFunction, status: string): string {
  return t(`status.${status}`, { defaultValue: status });
}
