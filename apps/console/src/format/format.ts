import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { Language } from '../i18n/i18n';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every date the programme speaks of is a Shanghai date (its policy's time zone). */
export const programmeZone = 'Asia/Shanghai';

export function formatInstant(instant: string | null | undefined): string {
  return instant ? dayjs(instant).tz(programmeZone).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatDate(instant: string | null | undefined): string {
  return instant ? dayjs(instant).tz(programmeZone).format('YYYY-MM-DD') : '—';
}

export interface Countdown {
  readonly overdue: boolean;
  readonly days: number;
  readonly hours: number;
}

/** Time left until `dueAt` at `now` (both instants), in whole days and hours. */
export function countdown(dueAt: string, now: number): Countdown {
  const ms = Date.parse(dueAt) - now;
  const hoursTotal = Math.floor(Math.abs(ms) / 3_600_000);
  return { overdue: ms < 0, days: Math.floor(hoursTotal / 24), hours: hoursTotal % 24 };
}

/** ¥ amounts: in Chinese in 万元 (tens of thousands of yuan), as officials count them; in English in yuan. */
export function formatMoney(yuan: number, language: Language): string {
  if (language === 'zh-CN') {
    const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(yuan / 10_000);
    return `¥${wan}万元`;
  }
  return `¥${new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(yuan)}`;
}
