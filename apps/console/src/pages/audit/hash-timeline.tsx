import { Card, Descriptions, Empty, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/api-client';
import type { components } from '../../api/generated/openapi';
import { unwrap } from '../../api/problem';
import { QueryState } from '../../components/query-state';
import { ReadableTag, type TagTone } from '../../components/readable-tag';
import { formatInstant } from '../../format/format';
import { checkChainLinks, type LinkCheck } from './chain-links';

type AuditEvent = components['schemas']['AuditHistoryEventDto'];

const linkTones: Record<LinkCheck, TagTone> = { linked: 'green', broken: 'red', unchecked: 'default' };

/** A town's every event with its hashes, and whether each one's chain link holds (recomputed here). */
export function HashTimeline({ townId }: { townId: string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['audit', 'town', townId, 'history'],
    queryFn: () => unwrap(api.GET('/api/audit/towns/{townId}/history', { params: { path: { townId } } })),
  });
  const links = useQuery({
    queryKey: ['audit', 'town', townId, 'links', history.data?.events.length],
    queryFn: () => checkChainLinks(history.data?.events ?? []),
    enabled: history.data !== undefined,
  });
  return (
    <Card title={t('audit.timeline.stream', { stream: history.data?.stream ?? '' })}>
      <QueryState query={history}>
        {(data) =>
          data.events.length === 0 ? (
            <Empty description={t('timeline.empty')} />
          ) : (
            <Timeline
              data-testid="hash-timeline"
              items={data.events.map((event, index) => {
                const link = links.data?.[index] ?? 'unchecked';
                return {
                  key: event.id,
                  color: link === 'broken' ? 'red' : 'blue',
                  children: <HashedEvent event={event} link={link} />,
                };
              })}
            />
          )
        }
      </QueryState>
    </Card>
  );
}

function HashedEvent({ event, link }: { event: AuditEvent; link: LinkCheck }) {
  const { t } = useTranslation();
  const hash = (value: string | undefined) =>
    value ? (
      <Typography.Text code copyable={{ text: value }} style={{ wordBreak: 'break-all' }}>
        {value}
      </Typography.Text>
    ) : (
      '—'
    );
  return (
    <>
      <Typography.Text strong>{t(`event.${event.type}`, { defaultValue: event.type })}</Typography.Text>{' '}
      <Tag>{event.type}</Tag>
      <ReadableTag tone={linkTones[link]} data-testid="chain-link">
        {t(`audit.timeline.link.${link}`)}
      </ReadableTag>
      <Descriptions size="small" column={1} style={{ marginTop: 4 }}>
        <Descriptions.Item label={t('audit.timeline.position')}>{event.globalPosition}</Descriptions.Item>
        <Descriptions.Item label={t('timeline.when')}>
          {formatInstant(event.occurredAt)} (
          {t('timeline.recordedAt', { time: formatInstant(event.recordedAt) })})
        </Descriptions.Item>
        <Descriptions.Item label={t('timeline.actor')}>
          {[t(`seat.${event.actor.seat}`, { defaultValue: event.actor.seat }), event.actor.userId]
            .filter(Boolean)
            .join(' · ')}
        </Descriptions.Item>
        {event.policy ? (
          <Descriptions.Item label={t('town.policy')}>
            {event.policy.id} · {hash(event.policy.version)}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('audit.timeline.contentHash')}>
          {hash(event.contentHash)}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.timeline.chainHash')}>{hash(event.chainHash)}</Descriptions.Item>
        <Descriptions.Item label={t('audit.timeline.logHash')}>{hash(event.logHash)}</Descriptions.Item>
      </Descriptions>
    </>
  );
}
