import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { usePackNames, usePolicyTitle } from '../../api/use-pack-names';
import { formatInstant } from '../../format/format';
import { statusLabel } from '../../format/labels';
import { useCountyName } from '../../layout/use-county-name';

type TownDetail = components['schemas']['TownDetailDto'];

export function TownOverview({ town, weightedScore }: { town: TownDetail; weightedScore: number | null }) {
  const { t } = useTranslation();
  const name = usePackNames();
  const policyTitle = usePolicyTitle();
  const county = useCountyName(town.county);
  return (
    <Card title={t('town.overview')}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('town.status')}>{statusLabel(t, town.status)}</Descriptions.Item>
        <Descriptions.Item label={t('town.kind')}>
          {t(`kind.${town.kind}`, { defaultValue: town.kind })}
        </Descriptions.Item>
        <Descriptions.Item label={t('town.industry')}>
          {town.industryDescription ?? name('industries', town.industry)}
        </Descriptions.Item>
        <Descriptions.Item label={t('town.county')}>{county}</Descriptions.Item>
        <Descriptions.Item label={t('town.batch')}>{town.batchId}</Descriptions.Item>
        <Descriptions.Item label={t('town.appliedAt')}>{formatInstant(town.appliedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('town.listedAt')}>{formatInstant(town.listedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('town.weightedScore')}>{weightedScore ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('town.policy')}>
          {town.policy ? `${policyTitle(town.policy.id)} · ${town.policy.version.slice(0, 12)}` : '—'}
        </Descriptions.Item>
      </Descriptions>
      {town.declaredConditions.length > 0 ? (
        // What the application declared (§IV.1), which the defence confirms or rejects.
        <Descriptions
          title={t('town.declaredConditions')}
          column={1}
          size="small"
          style={{ marginTop: 16 }}
          data-testid="declared-conditions"
        >
          {town.declaredConditions.map((condition) => (
            <Descriptions.Item key={condition.code} label={name('applicationConditions', condition.code)}>
              {condition.statement ?? t('town.noStatement')}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : null}
    </Card>
  );
}
