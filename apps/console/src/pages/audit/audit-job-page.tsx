import { Alert, Card, Descriptions, Flex, Progress, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/api-client';
import type { components } from '../../api/generated/openapi';
import { unwrap } from '../../api/problem';
import { PageContainer } from '../../components/page-container';
import { QueryState } from '../../components/query-state';
import { formatInstant } from '../../format/format';
import { JobResultView } from './job-result';
import { JobStateTag, jobPollMs } from './job-state-tag';

type Job = components['schemas']['AuditJobDto'];

/** One job: polled while it runs (its progress live), then its report and files, or its error. */
export function AuditJobPage() {
  const { t } = useTranslation();
  const { jobId = '' } = useParams();
  const job = useQuery({
    queryKey: ['audit', 'jobs', jobId],
    queryFn: () => unwrap(api.GET('/api/audit/jobs/{jobId}', { params: { path: { jobId } } })),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? jobPollMs : false),
  });
  return (
    <QueryState query={job}>
      {(data) => (
        <PageContainer
          crumbs={[{ title: t('audit.jobs.title'), to: '/audit/jobs' }, { title: data.jobId.slice(0, 8) }]}
          title={
            <Space>
              {t('audit.jobs.titleOf', { kind: t(`audit.jobs.kinds.${data.kind}`) })}
              <JobStateTag state={data.state} />
            </Space>
          }
        >
          <JobFacts job={data} />
          {data.state === 'running' ? <JobProgress job={data} /> : null}
          {data.result ? <JobResultView jobId={data.jobId} kind={data.kind} result={data.result} /> : null}
          {data.error ? (
            <Alert
              type="error"
              showIcon
              data-testid="job-error"
              message={data.error.code}
              description={data.error.message}
            />
          ) : null}
        </PageContainer>
      )}
    </QueryState>
  );
}

function JobFacts({ job }: { job: Job }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('audit.jobs.by')}>{job.requestedBy.userId}</Descriptions.Item>
        <Descriptions.Item label={t('audit.jobs.options')}>{JSON.stringify(job.request)}</Descriptions.Item>
        <Descriptions.Item label={t('audit.jobs.startedAt')}>
          {formatInstant(job.startedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.jobs.closedAt')}>{formatInstant(job.closedAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function JobProgress({ job }: { job: Job }) {
  const { t } = useTranslation();
  const progress = job.progress;
  const percent = progress?.total
    ? Math.min(100, Math.floor((progress.done / progress.total) * 100))
    : undefined;
  return (
    <Card title={t('audit.jobs.progress')}>
      <Flex vertical gap={8} data-testid="job-progress">
        <Progress percent={percent ?? 0} status="active" showInfo={percent !== undefined} />
        {progress
          ? t('audit.jobs.progressText', {
              done: progress.done,
              total: progress.total ?? '?',
              unit: progress.unit,
              attempt: progress.attempt,
            })
          : t('audit.jobs.waiting')}
      </Flex>
    </Card>
  );
}
