import { Col, Row } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { PageContainer } from '../../components/page-container';
import { QueryState } from '../../components/query-state';
import { useServerNow } from './use-server-now';
import { WorkBatches } from './work-batches';
import { WorkDeadlines } from './work-deadlines';
import { WorkReminders } from './work-reminders';
import { WorkTowns } from './work-towns';

/** 待办: what needs the signed-in seat now. The home page of every seat. */
export function MyWorkPage() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['my-work'],
    queryFn: () => unwrap(api.GET('/api/my-work')),
    refetchInterval: 60_000,
  });
  const now = useServerNow(query.data?.now, query.dataUpdatedAt);
  return (
    <PageContainer crumbs={[{ title: t('myWork.title') }]} title={t('myWork.title')}>
      <QueryState query={query}>
        {(work) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <WorkTowns towns={work.towns} />
            </Col>
            <Col xs={24} xl={12}>
              <WorkBatches batches={work.batches} now={now} />
            </Col>
            <Col xs={24} xl={12}>
              <WorkDeadlines
                title={t('myWork.overdue')}
                empty={t('myWork.noOverdue')}
                items={work.overdue}
                now={now}
              />
            </Col>
            <Col xs={24} xl={12}>
              <WorkDeadlines
                title={t('myWork.deadlines')}
                empty={t('myWork.noDeadlines')}
                items={work.deadlines}
                now={now}
              />
            </Col>
            <Col xs={24}>
              <WorkReminders reminders={work.reminders} />
            </Col>
          </Row>
        )}
      </QueryState>
    </PageContainer>
  );
}
