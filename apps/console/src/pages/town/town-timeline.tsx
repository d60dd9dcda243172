import { Card, Descriptions, Empty, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/api-client';
import type { components } from '../../api/generated/openapi';
import { unwrap } from '../../api/problem';
import { QueryState } from '../../components/query-state';
import { formatInstant } from '../../format/format';
import { usePolicyTitle } from '../../api/use-pack-names';
import { stepLabel } from '../../format/labels';
import { useCountyName } from '../../layout/use-county-name';
import { useTrainingClock } from '../../layout/use-training-clock';

type HistoryEvent = components['schemas']['HistoryEventDto'];

/** Every event of the town: who acted, when (Shanghai), the command behind it, and the rules it was decided under. */
export function TownTimeline({ townId }: { townId: string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['town', townId, 'history'],
    queryFn: () => unwrap(api.GET('/api/towns/{townId}/history', { params: { path: { townId } } })),
  });
  return (
    <Card>
      <QueryState query={history}>
        {(data) =>
          data.events.length === 0 ? (
            <Empty description={t('timeline.empty')} />
          ) : (
            <Timeline
              data-testid="timeline"
              items={data.events.map((event) => ({
                key: event.id,
                children: <TimelineEvent event={event} />,
              }))}
            />
          )
        }
      </QueryState>
    </Card>
  );
}

function TimelineEvent({ event }: { event: HistoryEvent }) {
  const { t } = useTranslation();
  const county = useCountyName(event.actor.county);
  // The command is documented as an open object (`{ type, data }`): its type is read, not assumed.
  const commandType = typeof event.command?.type === 'string' ? event.command.type : null;
  const policyTitle = usePolicyTitle();
  // In training the event happened on the virtual clock but was written down on the real one, which
  // can be weeks before: said as such, or the event reads as recorded before it happened.
  const training = useTrainingClock().data;
  const recorded = formatInstant(event.recordedAt);
  return (
    <>
      <Typography.Text strong>{t(`event.${event.type}`, { defaultValue: event.type })}</Typography.Text>{' '}
      <Tag>{event.type}</Tag>
      <Descriptions size="small" column={1} style={{ marginTop: 4 }}>
        <Descriptions.Item label={t('timeline.when')}>
          {formatInstant(event.occurredAt)} (
          {t(training ? 'timeline.recordedAtRealTime' : 'timeline.recordedAt', { time: recorded })})
        </Descriptions.Item>
        <Descriptions.Item label={t('timeline.actor')}>
          {[t(`seat.${event.actor.seat}`, { defaultValue: event.actor.seat }), county, event.actor.userId]
            .filter(Boolean)
            .join(' · ')}
        </Descriptions.Item>
        {commandType ? (
          <Descriptions.Item label={t('timeline.command')}>
            {stepLabel(t, commandType)} <Typography.Text code>{commandType}</Typography.Text>
          </Descriptions.Item>
        ) : null}
        {event.policy ? (
          <Descriptions.Item label={t('town.policy')}>
            {t('timeline.policy', {
              id: event.policy.id ? policyTitle(event.policy.id) : '—',
              version: (event.policy.version ?? '').slice(0, 12),
            })}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </>
  );
}
