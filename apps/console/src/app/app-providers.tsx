import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiProblem } from '../api/problem';
import { router } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal or a missing town does not get better by asking again; a network failure may.
      retry: (failures, error) => failures < 2 && error instanceof ApiProblem && error.status === 0,
      staleTime: 5_000,
      refetchOnWindowFocus: true,
    },
  },
});

/** Ant Design in the chosen language (zh_CN by default), server state, and the routes. */
export function AppProviders() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: '#1668dc',
          // Ant Design's default secondary greys fall short of WCAG AA contrast (4.5:1) on white.
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          // Descriptions' labels.
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
          // Empty states are written in it, and processing tags in the info blue.
          colorTextDisabled: 'rgba(0, 0, 0, 0.6)',
          colorInfo: '#0958d9',
          // A field's error under it: the default red is 3.3:1 on white.
          colorError: '#cf1322',
        },
      }}
      // "登录", not "登 录": the spaced form is read letter by letter by screen readers.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
