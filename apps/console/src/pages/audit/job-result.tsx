import { DownloadOutlined, FileZipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Descriptions, List, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { ProblemAlert } from '../../components/problem-alert';
import { formatInstant } from '../../format/format';
import { downloadJobBundle, downloadJobFile, type JobFile } from './job-files';

type JobResult = components['schemas']['AuditJobResultDto'];

/** A summary value as text: counts and digests as they are, nested findings as compact JSON. */
function summaryText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A completed job's verdict, its report's top lines, the whole report, and its files. */
export function JobResultView({ jobId, kind, result }: { jobId: string; kind: string; result: JobResult }) {
  const { t } = useTranslation();
  const file = useMutation({ mutationFn: (which: JobFile) => downloadJobFile(jobId, which) });
  const bundle = useMutation({ mutationFn: () => downloadJobBundle(jobId, result.files) });
  const verdict = result.ok === null ? 'none' : result.ok ? 'ok' : 'failed';
  return (
    <>
      <Alert
        data-testid="job-verdict"
        type={result.ok === false ? 'error' : result.ok ? 'success' : 'info'}
        showIcon
        message={t(`audit.jobs.verdict.${verdict}`)}
        description={t('audit.jobs.finishedAt', { time: formatInstant(result.finishedAt) })}
      />
      <Card title={t('audit.jobs.summary')}>
        <Descriptions bordered size="small" column={1} data-testid="job-summary">
          {Object.entries(result.summary).map(([key, value]) => (
            <Descriptions.Item key={key} label={key}>
              <Typography.Text style={{ wordBreak: 'break-all' }}>{summaryText(value)}</Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
        {result.report ? (
          <Collapse
            style={{ marginTop: 16 }}
            items={[
              {
                key: 'report',
                label: t('audit.jobs.report'),
                children: (
                  <pre style={{ maxHeight: 480, overflow: 'auto', margin: 0 }}>
                    {JSON.stringify(result.report, null, 2)}
                  </pre>
                ),
              },
            ]}
          />
        ) : null}
        {result.reportTruncated ? (
          <Typography.Paragraph type="secondary">{t('audit.jobs.reportTruncated')}</Typography.Paragraph>
        ) : null}
      </Card>
      <Card
        title={t('audit.jobs.files')}
        extra={
          kind === 'export' ? (
            <Button
              type="primary"
              icon={<FileZipOutlined />}
              loading={bundle.isPending}
              onClick={() => bundle.mutate()}
            >
              {t('audit.jobs.bundle')}
            </Button>
          ) : null
        }
      >
        {file.error ? <ProblemAlert error={file.error} /> : null}
        {bundle.error ? <ProblemAlert error={bundle.error} /> : null}
        {kind === 'export' ? (
          <Typography.Paragraph type="secondary">{t('audit.jobs.bundleHint')}</Typography.Paragraph>
        ) : null}
        <List
          size="small"
          dataSource={result.files}
          renderItem={(entry) => (
            <List.Item
              actions={[
                <Button
                  key="download"
                  size="small"
                  icon={<DownloadOutlined />}
                  aria-label={t('audit.jobs.downloadFile', { name: entry.name })}
                  onClick={() => file.mutate(entry)}
                >
                  {t('audit.jobs.download')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={<Typography.Text code>{entry.name}</Typography.Text>}
                description={t('audit.jobs.fileFacts', { bytes: entry.bytes, sha256: entry.sha256 })}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
