import { Card, Col, Row, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/api-client';
import type { components } from '../../api/generated/openapi';
import { unwrap } from '../../api/problem';
import { PageContainer } from '../../components/page-container';
import { QueryState } from '../../components/query-state';
import { formatInstant } from '../../format/format';
import { JobStateTag, jobPollMs } from './job-state-tag';
import { StartJobForm } from './start-job-form';

type JobSummary = components['schemas']['AuditJobSummaryDto'];

/** 审计任务: start a verify, replay, redecide or export; the recent jobs, refreshed while any runs. */
export function AuditJobsPage() {
  const { t } = useTranslation();
  const jobs = useQuery({
    queryKey: ['audit', 'jobs'],
    queryFn: () => unwrap(api.GET('/api/audit/jobs', { params: { query: { limit: 20 } } })),
    refetchInterval: (query) =>
      query.state.data?.items.some((job) => job.state === 'running') ? jobPollMs : false,
  });
  return (
    <PageContainer crumbs={[{ title: t('audit.jobs.title') }]} title={t('audit.jobs.title')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <StartJobForm />
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t('audit.jobs.recent')}>
            <QueryState query={jobs}>
              {(data) => (
                <Table<JobSummary>
                  rowKey="jobId"
                  size="small"
                  dataSource={data.items}
                  pagination={false}
                  columns={[
                    {
                      title: t('audit.jobs.kind'),
                      dataIndex: 'kind',
                      render: (kind: string, job) => (
                        <Link to={`/audit/jobs/${job.jobId}`}>{t(`audit.jobs.kinds.${kind}`)}</Link>
                      ),
                    },
                    {
                      title: t('audit.jobs.state'),
                      dataIndex: 'state',
                      render: (state: string) => <JobStateTag state={state} />,
                    },
                    { title: t('audit.jobs.by'), render: (_: unknown, job) => job.requestedBy.userId },
                    { title: t('audit.jobs.startedAt'), dataIndex: 'startedAt', render: formatInstant },
                    { title: t('audit.jobs.closedAt'), dataIndex: 'closedAt', render: formatInstant },
                  ]}
                />
              )}
            </QueryState>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
