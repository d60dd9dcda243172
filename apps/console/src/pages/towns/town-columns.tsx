import { Tag } from 'antd';
import type { TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/generated/openapi';
import { usePackNames } from '../../api/use-pack-names';
import { currentLanguage } from '../../i18n/i18n';
import { formatDate, formatMoney } from '../../format/format';
import { deadlineLabel, statusLabel } from '../../format/labels';

type TownSummary = components['schemas']['TownSummaryDto'];

export interface TownColumn {
  readonly table: TableColumnType<TownSummary>;
  readonly csvTitle: string;
  csv(town: TownSummary): string;
}

const statusColors: Readonly<Record<string, string>> = {
  applied: 'blue',
  planning: 'cyan',
  cultivating: 'green',
  'final-acceptance': 'purple',
  exited: 'red',
  'not-listed': 'default',
  closed: 'default',
};

/** The list's columns; the CSV has the same columns with the same texts. */
export function useTownColumns(): TownColumn[] {
  const { t } = useTranslation();
  const name = usePackNames();
  const language = currentLanguage();
  const column = (
    key: string,
    text: (town: TownSummary) => string,
    render?: (town: TownSummary) => React.ReactNode,
  ): TownColumn => ({
    csvTitle: t(`towns.columns.${key}`),
    csv: text,
    table: {
      key,
      title: t(`towns.columns.${key}`),
      render: (_, town) => (render ? render(town) : text(town)),
    },
  });
  return [
    column(
      'name',
      (town) => town.name,
      (town) => <Link to={`/towns/${town.townId}`}>{town.name}</Link>,
    ),
    column('county', (town) => name('counties', town.county)),
    column('kind', (town) => t(`kind.${town.kind}`, { defaultValue: town.kind })),
    column('industry', (town) => town.industryDescription ?? name('industries', town.industry)),
    column('batch', (town) => town.batchId),
    column(
      'status',
      (town) => statusLabel(t, town.status),
      (town) => <Tag color={statusColors[town.status] ?? 'default'}>{statusLabel(t, town.status)}</Tag>,
    ),
    column('appliedAt', (town) => formatDate(town.appliedAt)),
    column('rating', (town) =>
      town.latestRating ? `${town.latestRating.year} ${name('ratings', town.latestRating.rating)}` : '—',
    ),
    column('rewards', (town) => formatMoney(town.rewards.committedYuan, language)),
    column('nextDeadline', (town) =>
      town.nextDeadline
        ? `${deadlineLabel(t, town.nextDeadline.name)} ${formatDate(town.nextDeadline.dueAt)}`
        : '—',
    ),
  ];
}
