import { useState } from 'react';
import { Alert, Card, Flex, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { LanguageSwitch } from '../../components/language-switch';
import { sessionStore, type Session } from '../../session/session-store';
import { DevSignInForm } from './dev-sign-in-form';
import { TokenSignInForm } from './token-sign-in-form';

/** Paste a token (always); in development also choose a seat and let the server sign one. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // The development sign-in exists only where the server holds the development key (404 otherwise).
  const dev = useQuery({
    queryKey: ['dev-sign-in'],
    queryFn: () => unwrap(api.GET('/api/dev-sign-in')),
    retry: false,
  });
  const from = params.get('from');
  const [ended] = useState(sessionStore.ended);
  const signedIn = (session: Session) => {
    sessionStore.signIn(session);
    const returnTo = sessionStore.takeReturnTo() ?? from ?? '/';
    void navigate(returnTo.startsWith('/') && !returnTo.startsWith('/sign-in') ? returnTo : '/', {
      replace: true,
    });
  };
  const tabs = [
    ...(dev.data
      ? [
          {
            key: 'dev',
            label: t('signIn.devTab'),
            children: <DevSignInForm options={dev.data} onSignedIn={signedIn} />,
          },
        ]
      : []),
    { key: 'token', label: t('signIn.tokenTab'), children: <TokenSignInForm onSignedIn={signedIn} /> },
  ];
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <main style={{ width: 440, maxWidth: '100%' }}>
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center">
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <LanguageSwitch />
          </Flex>
          {ended ? <Alert type="info" showIcon message={t('signIn.sessionEnded')} /> : null}
          <Card title={t('signIn.title')} loading={dev.isPending}>
            <Tabs items={tabs} />
          </Card>
        </Flex>
      </main>
    </Flex>
  );
}
