import { Card, Descriptions, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { formatDate, formatMoney } from '../../format/format';
import { statusLabel } from '../../format/labels';
import { currentLanguage } from '../../i18n/i18n';

type ProgrammeStateAt = components['schemas']['ProgrammeStateAtDto'];
type TownSummaryAt = components['schemas']['TownSummaryAtDto'];

/** The whole programme then: its totals, and every town's line. */
export function ProgrammeStateAtView({ state }: { state: ProgrammeStateAt }) {
  const { t } = useTranslation();
  const money = (yuan: number) => formatMoney(yuan, currentLanguage());
  const { totals } = state;
  return (
    <>
      <Card title={t('audit.state.totals')}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="programme-totals">
          <Descriptions.Item label={t('audit.state.towns')}>{totals.towns}</Descriptions.Item>
          <Descriptions.Item label={t('audit.state.byStatus')}>
            {Object.entries(totals.townsByStatus)
              .map(([status, count]) => `${statusLabel(t, status)} ${count}`)
              .join('；') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.state.funds')} span={2}>
            {t('audit.state.fundsByStatus', {
              due: money(totals.funds.due),
              paid: money(totals.funds.paid),
              pending: money(totals.funds.pending),
              forfeited: money(totals.funds.forfeited),
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.state.landSupport')} span={2}>
            {t('audit.state.landYearsCount', {
              entitled: totals.landSupportYearsEntitled,
              granted: totals.landSupportYearsGranted,
            })}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('audit.state.towns')}>
        <Table<TownSummaryAt>
          rowKey="townId"
          size="small"
          dataSource={state.towns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('audit.state.name'), dataIndex: 'name' },
            { title: t('audit.state.status'), dataIndex: 'status', render: (s: string) => statusLabel(t, s) },
            {
              title: t('audit.state.listedAt'),
              dataIndex: 'listedAt',
              render: (d: string | null) => formatDate(d),
            },
            {
              title: t('audit.state.paid'),
              key: 'paid',
              align: 'right',
              render: (_: unknown, town) => money(town.funds.paid),
            },
          ]}
        />
      </Card>
    </>
  );
}
