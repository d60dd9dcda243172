import { FieldTimeOutlined } from '@ant-design/icons';
import { Button, DatePicker, Popover, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/api-client';
import { unwrap } from '../api/problem';
import { ProblemAlert } from '../components/problem-alert';
import { formatDate, formatInstant } from '../format/format';
import { deadlineLabel } from '../format/labels';
import { useSignedIn } from '../session/use-session';
import { useTrainingClock } from './use-training-clock';

type MoveBody = { to: 'next-deadline' } | { date: string };

/**
 * Training mode (`npm run start:training`) only: the virtual date, prominently, and for an administrator
 * the two ways to move it. Elsewhere the clock route answers 404 and nothing is shown.
 */
export function TrainingClock() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const clock = useTrainingClock();
  const move = useMutation({
    mutationFn: (body: MoveBody) => unwrap(api.POST('/api/training/clock', { body })),
    // Every page's state may have changed with the deadlines that fired.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  if (!clock.data) return null;
  const { now, nextDeadline } = clock.data;
  const tag = (
    // Solid and dark (volcano-8 under white text): the header's strongest mark, and legible (WCAG AA).
    <Tag color="#ad2102" icon={<FieldTimeOutlined />} data-testid="training-clock">
      {t('training.tag', { date: formatDate(now) })}
    </Tag>
  );
  if (session.seat !== 'administrator') return tag;
  const controls = (
    <Space direction="vertical" style={{ maxWidth: 360 }}>
      <Typography.Text>{t('training.now', { time: formatInstant(now) })}</Typography.Text>
      <Typography.Text type="secondary">
        {nextDeadline
          ? t('training.nextDeadline', {
              name: deadlineLabel(t, nextDeadline.name),
              time: formatInstant(nextDeadline.dueAt),
            })
          : t('training.noDeadline')}
      </Typography.Text>
      <Button
        type="primary"
        disabled={!nextDeadline}
        loading={move.isPending}
        onClick={() => move.mutate({ to: 'next-deadline' })}
      >
        {t('training.toNextDeadline')}
      </Button>
      <DatePicker
        aria-label={t('training.toDate')}
        placeholder={t('training.toDate')}
        disabled={move.isPending}
        onChange={(date) => {
          if (date) move.mutate({ date: date.format('YYYY-MM-DD') });
        }}
      />
      {move.error ? <ProblemAlert error={move.error} /> : null}
    </Space>
  );
  return (
    <Popover content={controls} title={t('training.title')} trigger="click">
      <Button type="text" size="small" aria-label={t('training.title')}>
        {tag}
      </Button>
    </Popover>
  );
}
