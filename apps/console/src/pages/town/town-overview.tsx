import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { usePolicy } from '../../api/queries';
import { formatInstant } from '../../format/format';
import { statusLabel } from '../../format/labels';
import { useCountyName } from '../../layout/use-county-name';

type TownDetail = components['schemas']['TownDetailDto'];

export function TownOverview({ town, weightedScore }: { town: TownDetail; weightedScore: number | null }) {
  const { t, i18n } = useTranslation();
  const policy = usePolicy();
  const county = useCountyName(town.county);
  const industry = policy.data?.industries.find((candidate) => candidate.code === town.industry);
  return (
    <Card title={t('town.overview')}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('town.status')}>{statusLabel(t, town.status)}</Descriptions.Item>
        <Descriptions.Item label={t('town.kind')}>
          {t(`kind.${town.kind}`, { defaultValue: town.kind })}
        </Descriptions.Item>
        <Descriptions.Item label={t('town.industry')}>
          {industry ? (i18n.language === 'en' ? industry.nameEn : industry.nameZh) : town.industry}
        </Descriptions.Item>
        <Descriptions.Item label={t('town.county')}>{county}</Descriptions.Item>
        <Descriptions.Item label={t('town.batch')}>{town.batchId}</Descriptions.Item>
        <Descriptions.Item label={t('town.appliedAt')}>{formatInstant(town.appliedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('town.listedAt')}>{formatInstant(town.listedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('town.weightedScore')}>{weightedScore ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('town.policy')}>
          {town.policy ? `${town.policy.id} · ${town.policy.version.slice(0, 12)}` : '—'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
