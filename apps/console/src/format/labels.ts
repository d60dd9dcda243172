import type { TFunction } from 'i18next';

/**
 * A deadline's name as the API sends it: plain (`progress-check`), keyed by a year or a batch after a
 * colon (`yearly-statistics:2027`, `batch-opens:2018`), or My work's `statistics-2027`. The key is
 * handed to the message as `key` (and as `year`, which most keys are).
 */
export function deadlineLabel(t: TFunction, name: string): string {
  const keyed = /^([a-z-]+):(.+)$/.exec(name) ?? /^([a-z-]+?)-(\d{4})$/.exec(name);
  if (keyed?.[1] !== undefined && keyed[2] !== undefined)
    return t(`deadline.${keyed[1]}`, { key: keyed[2], year: keyed[2], defaultValue: name });
  return t(`deadline.${name}`, { defaultValue: name });
}

export function stepLabel(t: TFunction, type: string): string {
  return t(`step.${type}`, { defaultValue: type });
}

export function statusLabel(t: TFunction, status: string): string {
  return t(`status.${status}`, { defaultValue: status });
}
