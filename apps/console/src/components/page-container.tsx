import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface Crumb {
  readonly title: string;
  readonly to?: string;
}

/** A page's breadcrumbs, title and actions above its content. */
export function PageContainer(props: {
  crumbs: readonly Crumb[];
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <Breadcrumb
        items={[{ title: <Link to="/">{t('common.home')}</Link> }, ...props.crumbs].map((crumb) =>
          'to' in crumb && typeof crumb.title === 'string' && crumb.to
            ? { title: <Link to={crumb.to}>{crumb.title}</Link> }
            : { title: crumb.title },
        )}
      />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        {props.extra}
      </Flex>
      {props.children}
    </Flex>
  );
}
