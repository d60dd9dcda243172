import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CountdownTag } from '../../components/countdown-tag';
import { formatInstant } from '../../format/format';
import { usePolicyTitle } from '../../api/use-pack-names';
import { deadlineLabel } from '../../format/labels';

interface DeadlineItem {
  readonly scope: string;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly name: string;
  readonly dueAt: string;
}

/** Deadlines with the time left in Shanghai time, soonest first; towns link to their page. */
export function WorkDeadlines(props: {
  title: string;
  empty: string;
  items: readonly DeadlineItem[];
  now: number;
}) {
  const { t } = useTranslation();
  const policyTitle = usePolicyTitle();
  const subject = (item: DeadlineItem) => {
    if (item.scope === 'town')
      return <Link to={`/towns/${item.subjectId}`}>{item.subjectName ?? item.subjectId}</Link>;
    return item.scope === 'batch'
      ? t('myWork.scopeBatch', { id: item.subjectId })
      : policyTitle(item.subjectId);
  };
  return (
    <Card title={props.title}>
      <Table<DeadlineItem>
        size="small"
        pagination={false}
        rowKey={(item) => `${item.scope}:${item.subjectId}:${item.name}:${item.dueAt}`}
        dataSource={[...props.items]}
        locale={{ emptyText: props.empty }}
        columns={[
          { key: 'subject', title: t('myWork.subject'), render: (_, item) => subject(item) },
          { key: 'name', title: t('town.deadlines'), render: (_, item) => deadlineLabel(t, item.name) },
          { key: 'due', title: t('myWork.due'), render: (_, item) => formatInstant(item.dueAt) },
          {
            key: 'left',
            title: t('myWork.countdown'),
            render: (_, item) => <CountdownTag dueAt={item.dueAt} now={props.now} />,
          },
        ]}
      />
    </Card>
  );
}
