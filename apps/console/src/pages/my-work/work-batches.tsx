import { Card, List, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/api-client';
import type { components } from '../../api/generated/openapi';
import { unwrap } from '../../api/problem';
import { CountdownTag } from '../../components/countdown-tag';
import { formatInstant } from '../../format/format';
import { stepLabel } from '../../format/labels';
import { batchIdPath } from '../../step-forms/batch-steps';
import { nextDue } from '../batch/batch-window';

type WorkBatch = components['schemas']['MyWorkBatchDto'];

/** Batches with a step of this seat: a county official applies from here while the window is open. */
export function WorkBatches({ batches, now }: { batches: readonly WorkBatch[]; now: number }) {
  const { t } = useTranslation();
  return (
    <Card title={t('myWork.batches')} data-testid="work-batches">
      <List
        dataSource={[...batches]}
        locale={{ emptyText: t('myWork.noBatches') }}
        renderItem={(batch) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Link to={`/batches/${encodeURIComponent(batch.batchId)}`}>
                  {t('myWork.batch', { batchId: batch.batchId })}
                </Link>
              }
              description={
                <Space size={4} wrap>
                  <WorkBatchDue batch={batch} now={now} />
                  {batch.steps.map((step) =>
                    step === 'SubmitApplication' ? (
                      <Link key={step} to={`/towns?apply=${encodeURIComponent(batch.batchId)}`}>
                        <Tag color="processing">{stepLabel(t, step)}</Tag>
                      </Link>
                    ) : (
                      <Tag key={step} color="processing">
                        {stepLabel(t, step)}
                      </Tag>
                    ),
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * The deadline the batch waits on now, as its own page shows it: the window's close while it is open,
 * then the list's publication. A close that has passed is no one's to meet (the window closes by
 * itself), so it is never shown as overdue beside the step that follows it.
 */
function WorkBatchDue({ batch, now }: { batch: WorkBatch; now: number }) {
  const { t } = useTranslation();
  const view = useQuery({
    // The batch page's own query: opening the batch from here finds it loaded.
    queryKey: ['batch', batch.batchId],
    queryFn: () =>
      unwrap(
        api.GET('/api/batches/{batchId}', { params: { path: { batchId: batchIdPath(batch.batchId) } } }),
      ),
    enabled: batch.status !== 'open',
  });
  if (batch.status === 'open') {
    if (!batch.closesAt || Date.parse(batch.closesAt) <= now) return null;
    return (
      <Due
        text={t('myWork.closesAt', { time: formatInstant(batch.closesAt) })}
        dueAt={batch.closesAt}
        now={now}
      />
    );
  }
  const due = view.data ? nextDue(view.data) : null;
  if (!due || due.labelKey !== 'batch.listDueIn') return null;
  return <Due text={t('myWork.listDueAt', { time: formatInstant(due.dueAt) })} dueAt={due.dueAt} now={now} />;
}

function Due({ text, dueAt, now }: { text: string; dueAt: string; now: number }) {
  return (
    <span data-testid="work-batch-due">
      <span>{text}</span> <CountdownTag dueAt={dueAt} now={now} />
    </span>
  );
}
