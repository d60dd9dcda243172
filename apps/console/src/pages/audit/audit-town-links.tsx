import { FieldTimeOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Where an auditor goes from a town's page: its hashed timeline and its past states (never a step). */
export function AuditTownLinks({ townId }: { townId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card title={t('audit.forTown')} data-testid="audit-town-links">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button
          block
          icon={<FieldTimeOutlined />}
          onClick={() => void navigate(`/audit/timeline?town=${townId}`)}
        >
          {t('menu.auditTimeline')}
        </Button>
        <Button block icon={<HistoryOutlined />} onClick={() => void navigate(`/audit/state?town=${townId}`)}>
          {t('menu.auditState')}
        </Button>
      </Space>
    </Card>
  );
}
