/**
 * The seats as people read them, in both languages — the console's words for them — so that a refusal
 * about a seat names it as its holder knows it, not by its code.
 */
import type { BilingualText } from './bilingual-text';
import { isSeat, type Seat } from './seats';

export const seatNames: Readonly<Record<Seat, BilingualText>> = {
  'county-official': { zh: '县区政府', en: 'County government' },
  'joint-meeting-office': { zh: '联席会议办公室', en: 'Joint-meeting office' },
  'joint-meeting-secretary': { zh: '联席会议秘书', en: 'Joint-meeting secretary' },
  'finance-bureau': { zh: '市财政局', en: 'Finance bureau' },
  'land-resources-bureau': { zh: '市国土资源局', en: 'Land resources bureau' },
  'member-unit-inspector': { zh: '成员单位验收人员', en: 'Member-unit inspector' },
  auditor: { zh: '审计人员', en: 'Auditor' },
  administrator: { zh: '系统管理员', en: 'Administrator' },
  system: { zh: '系统（定时）', en: 'System (scheduler)' },
};

/** A seat's name; a value that is no seat at all is shown as it came. */
export function seatName(seat: string): BilingualText {
  return isSeat(seat) ? seatNames[seat] : { zh: seat, en: seat };
}

/** A seat's name in both languages, as a refusal's details carry it beside the seat's code. */
export function seatNameDetails(seat: string): { seatName: string; seatNameEn: string } {
  const name = seatName(seat);
  return { seatName: name.zh, seatNameEn: name.en };
}

/**
 * The details of `ROLE_NOT_ALLOWED`: the codes, for machines, and the names of the seat and of those the
 * step belongs to, for the message.
 */
export function roleNotAllowedDetails(
  seat: string,
  command: string,
  allowedSeats: readonly Seat[],
): Record<string, unknown> {
  const allowed = allowedSeats.map((allowedSeat) => seatNames[allowedSeat]);
  return {
    seat,
    command,
    allowedSeats: [...allowedSeats],
    ...seatNameDetails(seat),
    allowedSeatNames: allowed.length === 0 ? '无' : allowed.map((name) => name.zh).join('、'),
    allowedSeatNamesEn: allowed.length === 0 ? 'none' : allowed.map((name) => name.en).join(', '),
  };
}
