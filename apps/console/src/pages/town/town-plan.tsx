import { Card, Descriptions, List } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { CountdownTag } from '../../components/countdown-tag';
import { formatInstant } from '../../format/format';
import { deadlineLabel } from '../../format/labels';
import { useProgrammeNow } from '../../layout/use-training-clock';

type Plan = components['schemas']['PlanDto'];
type Deadline = components['schemas']['DeadlineDto'];

export function TownPlan({ plan, deadlines }: { plan: Plan; deadlines: readonly Deadline[] }) {
  const { t } = useTranslation();
  const now = useProgrammeNow();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <Card title={t('town.plan')}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('town.planStatus')}>
          {t(`planStatus.${plan.status}`, { defaultValue: plan.status })}
        </Descriptions.Item>
        <Descriptions.Item label={t('town.planDueAt')}>{formatInstant(plan.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('town.planSubmissions')}>{plan.submissions}</Descriptions.Item>
        <Descriptions.Item label={t('town.planLate')}>{yesNo(plan.submittedLate)}</Descriptions.Item>
        <Descriptions.Item label={t('town.planExtended')}>{yesNo(plan.extended)}</Descriptions.Item>
      </Descriptions>
      <List
        header={t('town.deadlines')}
        size="small"
        dataSource={[...deadlines]}
        locale={{ emptyText: t('common.none') }}
        renderItem={(deadline) => (
          <List.Item extra={<CountdownTag dueAt={deadline.dueAt} now={now} />}>
            {deadlineLabel(t, deadline.name)} · {formatInstant(deadline.dueAt)}
          </List.Item>
        )}
      />
    </Card>
  );
}
