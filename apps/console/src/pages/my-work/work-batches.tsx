import { Card, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/generated/openapi';
import { CountdownTag } from '../../components/countdown-tag';
import { formatInstant } from '../../format/format';
import { stepLabel } from '../../format/labels';

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
                  {batch.closesAt ? (
                    <span>{t('myWork.closesAt', { time: formatInstant(batch.closesAt) })}</span>
                  ) : null}
                  {batch.closesAt ? <CountdownTag dueAt={batch.closesAt} now={now} /> : null}
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
