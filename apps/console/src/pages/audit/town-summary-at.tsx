import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { formatDate, formatMoney } from '../../format/format';
import { statusLabel } from '../../format/labels';
import { currentLanguage } from '../../i18n/i18n';
import { useCountyName } from '../../layout/use-county-name';

type TownSummaryAt = components['schemas']['TownSummaryAtDto'];

/** One town as it stood then: status, listing, ratings, money by status, land support, exit, acceptance. */
export function TownSummaryAtDescriptions({ summary }: { summary: TownSummaryAt }) {
  const { t } = useTranslation();
  const county = useCountyName(summary.county);
  const money = (yuan: number) => formatMoney(yuan, currentLanguage());
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="town-state-at">
      <Descriptions.Item label={t('audit.state.name')}>{summary.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('audit.state.status')}>{statusLabel(t, summary.status)}</Descriptions.Item>
      <Descriptions.Item label={t('audit.state.county')}>{county ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('audit.state.listedAt')}>{formatDate(summary.listedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('audit.state.ratings')} span={2}>
        {summary.ratings.length === 0
          ? '—'
          : summary.ratings.map((rating) => `${rating.year}: ${rating.rating}`).join('；')}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.state.funds')} span={2}>
        {t('audit.state.fundsByStatus', {
          due: money(summary.funds.due),
          paid: money(summary.funds.paid),
          pending: money(summary.funds.pending),
          forfeited: money(summary.funds.forfeited),
        })}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.state.landSupport')}>
        {t('audit.state.landYears', {
          entitled: summary.landSupport.entitledYears.join(', ') || '—',
          granted: summary.landSupport.grantedYears.join(', ') || '—',
        })}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.state.recommendation')}>
        {summary.provincialRecommendation?.year ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.state.exit')}>
        {summary.exit
          ? `${summary.exit.year} · ${t(`exitReason.${summary.exit.reason}`, { defaultValue: summary.exit.reason })}`
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.state.acceptance')}>
        {summary.acceptance ? t(`audit.state.acceptances.${summary.acceptance}`) : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}
