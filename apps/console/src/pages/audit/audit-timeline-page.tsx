import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { HashTimeline } from './hash-timeline';
import { TownPicker } from './town-picker';

/** 审计时间线: a town chosen by name (kept in the address, so a link names it), its events with hashes. */
export function AuditTimelinePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const townId = params.get('town') ?? undefined;
  return (
    <PageContainer
      crumbs={[{ title: t('audit.timeline.title') }]}
      title={t('audit.timeline.title')}
      extra={
        <TownPicker value={townId} onChange={(town) => setParams(town ? { town } : {}, { replace: true })} />
      }
    >
      {townId ? (
        <HashTimeline townId={townId} />
      ) : (
        <Card>
          <Empty description={t('audit.timeline.pick')} />
        </Card>
      )}
    </PageContainer>
  );
}
