import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/api-client';
import type { components } from '../../api/generated/openapi';
import { unwrap } from '../../api/problem';
import { PageContainer } from '../../components/page-container';
import { ProblemResult } from '../../components/query-state';
import { useSignedIn } from '../../session/use-session';
import { ApplyForTownModal } from './apply-for-town-modal';
import { TownFilters, townListQuery } from './town-filters';
import { useTownColumns } from './town-columns';
import { downloadCsv, toCsv } from './towns-csv';

type TownSummary = components['schemas']['TownSummaryDto'];

/** The towns list: the API's filters, sort and paging kept in the address, and a CSV of what is shown. */
export function TownsPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = townListQuery(params);
  const towns = useQuery({
    queryKey: ['towns', query],
    queryFn: () => unwrap(api.GET('/api/towns', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const columns = useTownColumns();
  const applyBatch = params.get('apply');
  const setApply = (batch: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (batch === null) next.delete('apply');
      else next.set('apply', batch);
      return next;
    });
  const exportCsv = (rows: readonly TownSummary[]) =>
    downloadCsv(
      `towns-${new Date().toISOString().slice(0, 10)}.csv`,
      toCsv(
        columns.map((column) => column.csvTitle),
        rows.map((row) => columns.map((column) => column.csv(row))),
      ),
    );
  return (
    <PageContainer
      crumbs={[{ title: t('towns.title') }]}
      title={t('towns.title')}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            disabled={!towns.data?.items.length}
            onClick={() => exportCsv(towns.data?.items ?? [])}
          >
            {t('towns.csv')}
          </Button>
          {session.seat === 'county-official' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setApply('')}>
              {t('towns.apply')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Card>
        <TownFilters key={params.toString()} params={params} onChange={setParams} />
      </Card>
      <Card>
        {towns.error && !towns.data ? (
          <ProblemResult error={towns.error} onRetry={() => void towns.refetch()} />
        ) : (
          <Table<TownSummary>
            rowKey="townId"
            loading={towns.isFetching}
            dataSource={towns.data?.items ?? []}
            columns={columns.map((column) => column.table)}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: towns.data?.page ?? query.page,
              pageSize: towns.data?.pageSize ?? query.pageSize,
              total: towns.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('towns.total', { total }),
              onChange: (page, pageSize) =>
                setParams((current) => {
                  const next = new URLSearchParams(current);
                  next.set('page', String(page));
                  next.set('pageSize', String(pageSize));
                  return next;
                }),
            }}
          />
        )}
      </Card>
      {applyBatch !== null ? (
        <ApplyForTownModal
          batchId={applyBatch || undefined}
          onCancel={() => setApply(null)}
          onApplied={(townId) => void navigate(`/towns/${townId}`)}
        />
      ) : null}
    </PageContainer>
  );
}
