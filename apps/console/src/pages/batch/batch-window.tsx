import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { CountdownTag } from '../../components/countdown-tag';
import { formatInstant } from '../../format/format';

type BatchView = components['schemas']['BatchViewDto'];

/** The instant the batch is waiting for now: the window's close while open, then the list's due date. */
export function nextDue(
  view: Pick<BatchView, 'status' | 'window'>,
): { labelKey: string; dueAt: string } | null {
  if (view.status === 'open' && view.window.closesAt)
    return { labelKey: 'batch.closesIn', dueAt: view.window.closesAt };
  if ((view.status === 'closed' || view.status === 'list-decided') && view.window.listDueAt)
    return { labelKey: 'batch.listDueIn', dueAt: view.window.listDueAt };
  return null;
}

/** The application window and the list's dates, in Shanghai time, with a countdown to the next one. */
export function BatchWindow({ view, now }: { view: BatchView; now: number }) {
  const { t } = useTranslation();
  const due = nextDue(view);
  return (
    <Card title={t('batch.window')} data-testid="batch-window">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'opens', label: t('batch.opensAt'), children: formatInstant(view.window.opensAt) },
          { key: 'closes', label: t('batch.closesAt'), children: formatInstant(view.window.closesAt) },
          { key: 'list', label: t('batch.listDueAt'), children: formatInstant(view.window.listDueAt) },
          {
            key: 'published',
            label: t('batch.publishedAt'),
            children: formatInstant(view.window.publishedAt),
          },
          ...(due
            ? [{ key: 'due', label: t(due.labelKey), children: <CountdownTag dueAt={due.dueAt} now={now} /> }]
            : []),
        ]}
      />
    </Card>
  );
}
