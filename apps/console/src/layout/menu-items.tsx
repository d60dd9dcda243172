import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  HistoryOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface MenuEntry {
  readonly path: string;
  readonly labelKey: string;
  readonly icon: ReactNode;
  /** The seats the page is for; every seat when absent. */
  readonly seats?: readonly string[];
}

/**
 * The side menu. Every seat reads towns and has work to do (an auditor's "work" is what it may read), so
 * both entries are for all; pages for some seats only (batches, audit) name theirs.
 */
const auditor = ['auditor'];

export const menuEntries: readonly MenuEntry[] = [
  { path: '/', labelKey: 'menu.myWork', icon: <CheckSquareOutlined /> },
  { path: '/towns', labelKey: 'menu.towns', icon: <ApartmentOutlined /> },
  { path: '/batches', labelKey: 'menu.batches', icon: <ScheduleOutlined /> },
  { path: '/dashboard', labelKey: 'menu.dashboard', icon: <BarChartOutlined /> },
  { path: '/audit/timeline', labelKey: 'menu.auditTimeline', icon: <FieldTimeOutlined />, seats: auditor },
  { path: '/audit/state', labelKey: 'menu.auditState', icon: <HistoryOutlined />, seats: auditor },
  { path: '/audit/decisions', labelKey: 'menu.auditDecisions', icon: <FileTextOutlined />, seats: auditor },
  { path: '/audit/jobs', labelKey: 'menu.auditJobs', icon: <AuditOutlined />, seats: auditor },
];

export function menuFor(seat: string): MenuEntry[] {
  return menuEntries.filter((entry) => entry.seats === undefined || entry.seats.includes(seat));
}
