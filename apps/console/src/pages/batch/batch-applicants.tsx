import { Button, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/generated/openapi';
import { usePolicy } from '../../api/queries';
import { usePackNames } from '../../api/use-pack-names';

type Applicant = components['schemas']['BatchApplicantDto'];

// Tag colours whose text keeps WCAG AA contrast (Ant Design's green and orange do not).
const outcomeColor: Readonly<Record<string, string>> = { listed: 'blue', 'not-listed': 'default' };

interface Props {
  readonly applicants: readonly Applicant[];
  /** Set when the caller's seat may score now: opens the score form for one applicant. */
  readonly onScore?: (townId: string) => void;
  /** Set while the secretary chooses the list: the chosen towns and how to change them. */
  readonly choosing?: { readonly chosen: readonly string[]; readonly onChange: (townIds: string[]) => void };
}

/**
 * The applications in the order their weighted scores give, each criterion's score under its weight,
 * and what keeps an applicant off the list.
 */
export function BatchApplicants({ applicants, onScore, choosing }: Props) {
  const { t } = useTranslation();
  const name = usePackNames();
  const criteria = usePolicy().data?.criteria ?? [];
  // The criteria scroll sideways; the rank and the town stay in view on the left, and what the ranking
  // is for (the weighted score, the standing, the action) on the right, even at 1366 px.
  const columns: ColumnsType<Applicant> = [
    { key: 'rank', title: t('batch.rank'), width: 64, fixed: 'left', render: (_, row) => row.rank ?? '—' },
    {
      key: 'name',
      title: t('towns.columns.name'),
      fixed: 'left',
      render: (_, row) => <Link to={`/towns/${row.townId}`}>{row.name}</Link>,
    },
    { key: 'county', title: t('towns.columns.county'), render: (_, row) => name('counties', row.county) },
    { key: 'kind', title: t('towns.columns.kind'), render: (_, row) => name('candidateKinds', row.kind) },
    {
      key: 'industry',
      title: t('towns.columns.industry'),
      render: (_, row) => row.industryDescription ?? name('industries', row.industry),
    },
    ...criteria.map((criterion) => ({
      key: `criterion-${criterion.code}`,
      title: t('batch.criterion', {
        name: name('criteria', criterion.code),
        weight: criterion.weightPercent,
      }),
      render: (_: unknown, row: Applicant) => row.scores?.[criterion.code] ?? '—',
    })),
    {
      key: 'weighted',
      title: t('batch.weightedScore'),
      fixed: 'right',
      render: (_, row) => (row.weightedScore === null ? '—' : row.weightedScore.toFixed(2)),
    },
    {
      key: 'standing',
      title: t('batch.standing'),
      fixed: 'right',
      render: (_, row) =>
        row.outcome !== 'pending' ? (
          <Tag color={outcomeColor[row.outcome]}>{t(`batch.outcome.${row.outcome}`)}</Tag>
        ) : row.bar ? (
          <Tag color={row.bar === 'unscored' ? 'default' : 'red'}>{t(`batch.bar.${row.bar}`)}</Tag>
        ) : (
          <Tag color="geekblue">{t('batch.eligible')}</Tag>
        ),
    },
    ...(onScore
      ? [
          {
            key: 'score',
            title: t('batch.actions'),
            fixed: 'right' as const,
            render: (_: unknown, row: Applicant) => (
              <Button
                size="small"
                onClick={() => onScore(row.townId)}
                aria-label={t('batch.scoreTown', { name: row.name })}
              >
                {row.scores ? t('batch.rescore') : t('batch.score')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card title={t('batch.applicants')} data-testid="batch-applicants">
      <Table<Applicant>
        size="middle"
        rowKey="townId"
        scroll={{ x: 'max-content' }}
        pagination={applicants.length > 20 ? { pageSize: 20 } : false}
        dataSource={[...applicants]}
        columns={columns}
        locale={{ emptyText: t('batch.noApplicants') }}
        {...(choosing
          ? {
              rowSelection: {
                selectedRowKeys: [...choosing.chosen],
                onChange: (keys) => choosing.onChange(keys.map(String)),
                getCheckboxProps: (row: Applicant) => ({ title: t('batch.chooseTown', { name: row.name }) }),
              },
            }
          : {})}
      />
    </Card>
  );
}
