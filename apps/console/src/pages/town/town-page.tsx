import { Card, Col, Row, Space, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { PageContainer } from '../../components/page-container';
import { QueryState } from '../../components/query-state';
import { statusLabel } from '../../format/labels';
import { useSignedIn } from '../../session/use-session';
import { AuditTownLinks } from '../audit/audit-town-links';
import { TownOverview } from './town-overview';
import { TownPlan } from './town-plan';
import { TownProgress } from './town-progress';
import { TownProjects } from './town-projects';
import { TownRewards } from './town-rewards';
import { TownSteps } from './town-steps';
import { TownTimeline } from './town-timeline';

/** One town: where it stands, what the caller's seat may do next, and everything that happened to it. */
export function TownPage() {
  const { t } = useTranslation();
  const { townId = '' } = useParams();
  const session = useSignedIn();
  // The tab is in the address (?tab=timeline): a refresh or a link opens the same tab.
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'timeline' ? 'timeline' : 'overview';
  const town = useQuery({
    queryKey: ['town', townId],
    queryFn: () => unwrap(api.GET('/api/towns/{townId}', { params: { path: { townId } } })),
  });
  const progress = useQuery({
    queryKey: ['town', townId, 'progress'],
    queryFn: () => unwrap(api.GET('/api/towns/{townId}/progress', { params: { path: { townId } } })),
  });
  return (
    <QueryState query={town}>
      {(detail) => (
        <PageContainer
          crumbs={[{ title: t('towns.title'), to: '/towns' }, { title: detail.name }]}
          title={
            <Space>
              {detail.name}
              <Tag color="blue" data-testid="town-status">
                {statusLabel(t, detail.status)}
              </Tag>
            </Space>
          }
        >
          <Tabs
            activeKey={tab}
            onChange={(key) =>
              setSearch(
                (current) => {
                  const next = new URLSearchParams(current);
                  if (key === 'overview') next.delete('tab');
                  else next.set('tab', key);
                  return next;
                },
                { replace: true },
              )
            }
            items={[
              {
                key: 'overview',
                label: t('town.overview'),
                children: (
                  <Row gutter={[16, 16]}>
                    <Col xs={24} xl={16}>
                      <Space direction="vertical" size={16} style={{ width: '100%' }}>
                        <TownOverview town={detail} weightedScore={progress.data?.weightedScore ?? null} />
                        <TownRewards town={detail} />
                        <TownPlan plan={detail.plan} deadlines={detail.deadlines} />
                        <TownProjects town={detail} />
                        <Card title={t('town.reviews')}>
                          <QueryState query={progress}>
                            {(data) => <TownProgress progress={data} />}
                          </QueryState>
                        </Card>
                      </Space>
                    </Col>
                    <Col xs={24} xl={8}>
                      {/* Auditors take no steps: where a seat would find its forms, they find their reads. */}
                      {session.seat === 'auditor' ? (
                        <AuditTownLinks townId={townId} />
                      ) : (
                        <TownSteps town={detail} progress={progress.data} />
                      )}
                    </Col>
                  </Row>
                ),
              },
              { key: 'timeline', label: t('town.timeline'), children: <TownTimeline townId={townId} /> },
            ]}
          />
        </PageContainer>
      )}
    </QueryState>
  );
}
