import { Card, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/generated/openapi';
import { statusLabel, stepLabel } from '../../format/labels';
import { useCountyName } from '../../layout/use-county-name';

type WorkTown = components['schemas']['MyWorkTownDto'];

export function WorkTowns({ towns }: { towns: readonly WorkTown[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('myWork.towns')} data-testid="work-towns">
      <List
        dataSource={[...towns]}
        locale={{ emptyText: t('myWork.noTowns') }}
        renderItem={(town) => (
          <List.Item
            actions={[
              <Link key="open" to={`/towns/${town.townId}`}>
                {t('myWork.open')}
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={<Link to={`/towns/${town.townId}`}>{town.name}</Link>}
              description={<WorkTownLine town={town} />}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function WorkTownLine({ town }: { town: WorkTown }) {
  const { t } = useTranslation();
  const county = useCountyName(town.county);
  return (
    <Space size={4} wrap>
      <Tag>{county}</Tag>
      <Tag>{statusLabel(t, town.status)}</Tag>
      {town.steps.map((step) => (
        <Tag key={step} color="processing">
          {stepLabel(t, step)}
        </Tag>
      ))}
    </Space>
  );
}
