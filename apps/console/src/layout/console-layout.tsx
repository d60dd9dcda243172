import { Layout, Menu, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useSignedIn } from '../session/use-session';
import { HeaderBar } from './header-bar';
import { menuFor } from './menu-items';

/** The Ant Design Pro shape: side menu by seat, header with the session, content with breadcrumbs. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const location = useLocation();
  const entries = menuFor(session.seat);
  const selected = entries
    .filter((entry) =>
      entry.path === '/' ? location.pathname === '/' : location.pathname.startsWith(entry.path),
    )
    .map((entry) => entry.path);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={64} theme="dark" width={208}>
        <div style={{ padding: '16px 20px' }}>
          <Typography.Title level={1} style={{ color: '#fff', fontSize: 18, margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
        </div>
        <nav aria-label={t('menu.navigation')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected}
            items={entries.map((entry) => ({
              key: entry.path,
              icon: entry.icon,
              label: <Link to={entry.path}>{t(entry.labelKey)}</Link>,
            }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          // Grows with its controls when they wrap (a narrow window, English, a long name): Ant Design's
          // fixed 64 px would push a wrapped row above the window and over the breadcrumb.
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            height: 'auto',
            minHeight: 64,
            lineHeight: 'normal',
            paddingBlock: 12,
            paddingInline: 24,
          }}
        >
          <HeaderBar />
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
