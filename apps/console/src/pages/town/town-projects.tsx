import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { formatMoney } from '../../format/format';
import { currentLanguage } from '../../i18n/i18n';

type TownDetail = components['schemas']['TownDetailDto'];
type Project = components['schemas']['TownProjectDto'];

/** §III.2: the town's registered projects, the ones its project steps are taken on. */
export function TownProjects({ town }: { town: TownDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const money = (yuan: number) => formatMoney(yuan, language);
  return (
    <Card title={t('town.projects')} data-testid="town-projects">
      <Table<Project>
        size="small"
        rowKey="projectId"
        pagination={false}
        dataSource={town.projects}
        locale={{ emptyText: t('town.noProjects') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'id', title: t('field.projectId'), dataIndex: 'projectId' },
          { key: 'name', title: t('town.projectName'), dataIndex: 'name' },
          {
            key: 'planned',
            title: t('field.investmentPlannedYuan'),
            render: (_, item) => money(item.investmentPlannedYuan),
          },
          {
            key: 'done',
            title: t('field.investmentCompletedYuan'),
            render: (_, item) => money(item.investmentCompletedYuan),
          },
          {
            key: 'completed',
            title: t('field.completed'),
            render: (_, item) => (item.completed ? t('common.yes') : t('common.no')),
          },
          {
            key: 'schedule',
            title: t('town.keySchedule'),
            render: (_, item) => item.keySchedule ?? t('common.none'),
          },
          { key: 'approvals', title: t('town.projectApprovals'), dataIndex: 'approvals' },
        ]}
      />
    </Card>
  );
}
