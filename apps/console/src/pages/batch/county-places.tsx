import { Card, Progress, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { usePackNames } from '../../api/use-pack-names';

type Places = components['schemas']['BatchCountyPlacesDto'];
type Applicant = components['schemas']['BatchApplicantDto'];

/**
 * Each county's places against the pack's limit: listed before, plus this batch's list — or, while the
 * secretary chooses, the towns chosen so far, so a county over its limit shows before the server says so.
 */
export function CountyPlaces({
  counties,
  applicants,
  chosen,
}: {
  counties: readonly Places[];
  applicants: readonly Applicant[];
  chosen: readonly string[] | null;
}) {
  const { t } = useTranslation();
  const name = usePackNames();
  const thisBatch = (county: string, listedHere: number) =>
    chosen === null
      ? listedHere
      : applicants.filter((applicant) => applicant.county === county && chosen.includes(applicant.townId))
          .length;
  return (
    <Card title={t('batch.countyPlaces')} data-testid="county-places">
      <Table<Places>
        size="small"
        rowKey="county"
        pagination={false}
        dataSource={[...counties]}
        columns={[
          {
            key: 'county',
            title: t('towns.columns.county'),
            render: (_, row) => name('counties', row.county),
          },
          { key: 'before', title: t('batch.listedBefore'), dataIndex: 'listedBefore' },
          { key: 'applications', title: t('batch.applications'), dataIndex: 'applications' },
          {
            key: 'use',
            title: chosen === null ? t('batch.placesUsed') : t('batch.placesIfListed'),
            render: (_, row) => {
              const used = row.listedBefore + thisBatch(row.county, row.listedHere);
              return (
                <Progress
                  size="small"
                  percent={Math.min(100, (used / row.maxTowns) * 100)}
                  status={used > row.maxTowns ? 'exception' : 'normal'}
                  format={() => t('batch.placesOf', { used, max: row.maxTowns })}
                  aria-label={t('batch.placesAria', {
                    county: name('counties', row.county),
                    used,
                    max: row.maxTowns,
                  })}
                />
              );
            },
          },
        ]}
      />
    </Card>
  );
}
