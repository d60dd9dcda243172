import { Card, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/generated/openapi';
import { formatInstant } from '../../format/format';
import { usePolicyTitle } from '../../api/use-pack-names';
import { deadlineLabel } from '../../format/labels';

type Reminder = components['schemas']['MyWorkReminderDto'];

/** The reminders the scheduler recorded for deadlines still pending (7 and 1 days before, by default). */
export function WorkReminders({ reminders }: { reminders: readonly Reminder[] }) {
  const { t } = useTranslation();
  const policyTitle = usePolicyTitle();
  const subject = (reminder: Reminder) => {
    if (reminder.scope === 'town')
      return <Link to={`/towns/${reminder.subjectId}`}>{reminder.subjectName ?? reminder.subjectId}</Link>;
    return reminder.scope === 'batch'
      ? t('myWork.scopeBatch', { id: reminder.subjectId })
      : policyTitle(reminder.subjectId);
  };
  return (
    <Card title={t('myWork.reminders')}>
      <List
        size="small"
        dataSource={[...reminders]}
        locale={{ emptyText: t('myWork.noReminders') }}
        renderItem={(reminder) => (
          <List.Item extra={formatInstant(reminder.dueAt)}>
            {subject(reminder)}
            {' · '}
            {t('myWork.reminder', {
              deadline: deadlineLabel(t, reminder.deadline),
              days: reminder.daysBefore,
            })}
          </List.Item>
        )}
      />
    </Card>
  );
}
