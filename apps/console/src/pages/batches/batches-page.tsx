import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/generated/openapi';
import { usePolicy } from '../../api/queries';
import { PageContainer } from '../../components/page-container';
import { QueryState } from '../../components/query-state';

type PolicyBatch = components['schemas']['PolicyBatchDto'];

/** The pack's application batches with their Shanghai dates; each opens its own page. */
export function BatchesPage() {
  const { t } = useTranslation();
  const policy = usePolicy();
  return (
    <PageContainer crumbs={[{ title: t('batches.title') }]} title={t('batches.title')}>
      <Card>
        <QueryState query={policy}>
          {(data) => (
            <Table<PolicyBatch>
              rowKey="id"
              pagination={false}
              dataSource={data.batches}
              columns={[
                {
                  key: 'id',
                  title: t('batches.batch'),
                  render: (_, batch) => (
                    <Link to={`/batches/${encodeURIComponent(batch.id)}`}>
                      {t('batches.batchName', { batchId: batch.id })}
                    </Link>
                  ),
                },
                { key: 'opens', title: t('batches.opensOn'), dataIndex: 'applicationOpensOn' },
                { key: 'closes', title: t('batches.closesOn'), dataIndex: 'applicationClosesOn' },
                { key: 'list', title: t('batches.listBy'), dataIndex: 'listPublishedBy' },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </PageContainer>
  );
}
