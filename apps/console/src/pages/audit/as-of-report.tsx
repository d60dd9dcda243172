import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../format/format';

interface AsOfReport {
  readonly at: string;
  readonly basis: string;
  readonly eventsFolded: number;
  readonly eventsAfter: number;
  readonly lastFoldedPosition: string | null;
}

/** What a past state was folded from: the instant, the basis, the events before it and after it. */
export function AsOfReportDescriptions({ report }: { report: AsOfReport }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="as-of-report">
      <Descriptions.Item label={t('audit.state.at')}>{formatInstant(report.at)}</Descriptions.Item>
      <Descriptions.Item label={t('audit.state.basis')}>
        {t(`audit.state.bases.${report.basis}`, { defaultValue: report.basis })}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.state.lastPosition')}>
        {report.lastFoldedPosition ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.state.eventsFolded')}>{report.eventsFolded}</Descriptions.Item>
      <Descriptions.Item label={t('audit.state.eventsAfter')}>{report.eventsAfter}</Descriptions.Item>
    </Descriptions>
  );
}
