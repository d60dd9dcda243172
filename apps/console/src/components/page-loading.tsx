import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** While a page's code is fetched on the first visit: the router renders this until the route has loaded. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div role="status" style={{ display: 'flex', justifyContent: 'center', padding: 96 }}>
      <Spin size="large" aria-label={t('common.loading')} />
    </div>
  );
}
