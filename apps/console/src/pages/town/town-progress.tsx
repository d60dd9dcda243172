import { Descriptions, Divider, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { usePackNames } from '../../api/use-pack-names';
import { formatInstant } from '../../format/format';

/** Long labels (the two-year check, the provincial recommendation): two columns from `md` up, not antd's three. */
const twoColumns = { xs: 1, md: 2, lg: 2, xl: 2, xxl: 2 };

type Progress = components['schemas']['TownProgressDto'];
type Review = components['schemas']['ReviewYearDto'];
type Inspection = components['schemas']['InspectionDto'];

/** Yearly reviews, the two-year check, the province's recommendation, an exit, the final acceptance. */
export function TownProgress({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  const name = usePackNames();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const { provincial, acceptance } = progress;
  return (
    <>
      <Table<Review>
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={progress.reviews}
        locale={{ emptyText: t('town.noReviews') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'year', title: t('town.year'), dataIndex: 'year' },
          {
            key: 'status',
            title: t('town.reviewStatus'),
            render: (_, r) => t(`reviewStatus.${r.status}`, { defaultValue: r.status }),
          },
          {
            key: 'due',
            title: t('town.statisticsDueAt'),
            render: (_, r) => formatInstant(r.statisticsDueAt || null),
          },
          {
            key: 'rating',
            title: t('town.rating'),
            render: (_, r) => (r.rating ? name('ratings', r.rating) : '—'),
          },
          { key: 'score', title: t('town.score'), render: (_, r) => r.score ?? '—' },
          {
            key: 'basis',
            title: t('town.basis'),
            render: (_, r) => (r.basis ? t(`ratingBasis.${r.basis}`) : '—'),
          },
          {
            key: 'land',
            title: t('town.landSupport'),
            render: (_, r) =>
              r.landSupportGranted ? t('common.yes') : r.landSupportEntitled ? t('rewardStatus.due') : '—',
          },
        ]}
      />
      <Divider />
      <Descriptions column={twoColumns} size="small">
        <Descriptions.Item label={t('town.progressCheck')}>
          {t(`progressStatus.${progress.progressCheck.status}`, {
            defaultValue: progress.progressCheck.status,
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('town.progressDueAt')}>
          {formatInstant(progress.progressCheck.dueAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('town.provincial')}>
          {provincial.recommendedInYear
            ? `${t('town.recommendedInYear')} ${provincial.recommendedInYear} · ${t('town.rank')} ${provincial.rank ?? '—'}`
            : provincial.decidedYears.length > 0
              ? t('town.notRecommended')
              : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('town.exit')}>
          {progress.exit
            ? `${progress.exit.year} · ${t(`exitReason.${progress.exit.reason}`, { defaultValue: progress.exit.reason })}`
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Divider orientation="left">{t('town.acceptance')}</Divider>
      {acceptance ? (
        <>
          <Descriptions column={twoColumns} size="small">
            <Descriptions.Item label={t('town.acceptanceStartedAt')}>
              {formatInstant(acceptance.startedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('town.opinion')}>
              {acceptance.opinion
                ? `${t(`recommendation.${acceptance.opinion.recommendation}`)} · ${acceptance.opinion.opinion}`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('town.deliberation')}>
              {acceptance.outcome ? t(`acceptanceOutcome.${acceptance.outcome}`) : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table<Inspection>
            size="small"
            rowKey="unit"
            pagination={false}
            dataSource={acceptance.inspections}
            title={() => t('town.inspections')}
            locale={{ emptyText: t('common.none') }}
            columns={[
              {
                key: 'unit',
                title: t('town.inspectionUnit'),
                render: (_, i) => name('memberUnits', i.unit),
              },
              { key: 'ok', title: t('town.satisfactory'), render: (_, i) => yesNo(i.satisfactory) },
              { key: 'findings', title: t('town.findings'), dataIndex: 'findings' },
            ]}
          />
        </>
      ) : (
        t('town.notStarted')
      )}
    </>
  );
}
