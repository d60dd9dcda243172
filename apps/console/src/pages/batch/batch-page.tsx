import { App, Button, Col, Row, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { PageContainer } from '../../components/page-container';
import { QueryState } from '../../components/query-state';
import { stepLabel } from '../../format/labels';
import { batchIdPath } from '../../step-forms/batch-steps';
import { useServerNow } from '../my-work/use-server-now';
import { BatchApplicants } from './batch-applicants';
import { BatchStepForm, type OpenBatchStep } from './batch-step-form';
import { BatchWindow } from './batch-window';
import { CountyPlaces } from './county-places';

// Ant Design's tag colours that keep WCAG AA contrast for their text (green, gold and cyan do not).
const statusColor: Readonly<Record<string, string>> = {
  open: 'blue',
  closed: 'purple',
  'list-decided': 'geekblue',
  published: 'blue',
};

/**
 * One application batch: its window, the applicants ranked by their defence, the counties' places, and
 * the steps the caller's seat may take now (`allowedSteps`): scoring, the list decision, publication.
 */
export function BatchPage() {
  const { t } = useTranslation();
  const { batchId = '' } = useParams();
  const batch = useQuery({
    queryKey: ['batch', batchId],
    queryFn: () =>
      unwrap(api.GET('/api/batches/{batchId}', { params: { path: { batchId: batchIdPath(batchId) } } })),
    refetchInterval: 60_000,
  });
  const now = useServerNow(batch.data?.now, batch.dataUpdatedAt);
  const [chosen, setChosen] = useState<string[]>([]);
  const [open, setOpen] = useState<OpenBatchStep | null>(null);
  const title = t('batches.batchName', { batchId });
  const { modal } = App.useApp();
  // The list is chosen by ticking the ranking; a decision with nothing ticked lists no town at all,
  // which the domain allows but is seldom meant: it is asked about first.
  const decide = () => {
    if (chosen.length > 0) {
      setOpen({ type: 'DecideList', listed: chosen });
      return;
    }
    modal.confirm({
      title: t('batch.noneChosen'),
      content: t('batch.noneChosenDetail'),
      okText: t('batch.decideEmpty'),
      cancelText: t('batch.backToRanking'),
      onOk: () => setOpen({ type: 'DecideList', listed: [] }),
    });
  };
  return (
    <QueryState query={batch}>
      {(view) => {
        const allowed = new Set(view.allowedSteps);
        const deciding = allowed.has('DecideList');
        return (
          <PageContainer
            crumbs={[{ title: t('batches.title'), to: '/batches' }, { title }]}
            title={
              <Space>
                {title}
                <Tag color={statusColor[view.status] ?? 'default'} data-testid="batch-status">
                  {t(`batchStatus.${view.status}`, { defaultValue: view.status })}
                </Tag>
              </Space>
            }
            extra={
              <Space data-testid="batch-steps">
                {deciding ? (
                  <Button type="primary" onClick={decide}>
                    {stepLabel(t, 'DecideList')}
                  </Button>
                ) : null}
                {allowed.has('PublishList') ? (
                  <Button type="primary" onClick={() => setOpen({ type: 'PublishList' })}>
                    {stepLabel(t, 'PublishList')}
                  </Button>
                ) : null}
              </Space>
            }
          >
            <Row gutter={[16, 16]}>
              <Col xs={24} xxl={16}>
                <BatchApplicants
                  applicants={view.applicants}
                  {...(allowed.has('RecordDefenceScore')
                    ? { onScore: (townId: string) => setOpen({ type: 'RecordDefenceScore', townId }) }
                    : {})}
                  {...(deciding ? { choosing: { chosen, onChange: setChosen } } : {})}
                />
              </Col>
              <Col xs={24} xxl={8}>
                <Space direction="vertical" size={16} style={{ width: '100%' }}>
                  <BatchWindow view={view} now={now} />
                  <CountyPlaces
                    counties={view.counties}
                    applicants={view.applicants}
                    chosen={deciding ? chosen : null}
                  />
                </Space>
              </Col>
            </Row>
            {open ? (
              <BatchStepForm
                batchId={batchId}
                open={open}
                applicants={view.applicants}
                onClose={(recorded) => {
                  setOpen(null);
                  if (recorded && open.type === 'DecideList') setChosen([]);
                }}
              />
            ) : null}
          </PageContainer>
        );
      }}
    </QueryState>
  );
}
