import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { formatInstant } from '../format/format';
import { LanguageSwitch } from '../components/language-switch';
import { sessionStore } from '../session/session-store';
import { useSignedIn } from '../session/use-session';
import { TrainingClock } from './training-clock';
import { useCountyName } from './use-county-name';

/** Who is signed in, in which seat and county, until when; the language switch; sign out. */
export function HeaderBar() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const countyName = useCountyName(session.county);
  const signOut = () => {
    sessionStore.signOut();
    queryClient.clear();
    void navigate('/sign-in', { replace: true });
  };
  return (
    <Space size="middle" wrap>
      <TrainingClock />
      <Space aria-label={t('header.user')}>
        <UserOutlined aria-hidden />
        <Typography.Text strong data-testid="user">
          {session.name ?? session.userId}
        </Typography.Text>
        <Tag color="blue" data-testid="seat">
          {t(`seat.${session.seat}`, { defaultValue: session.seat })}
        </Tag>
        {countyName ? <Tag data-testid="county">{countyName}</Tag> : null}
      </Space>
      {/* The instant, not a countdown: a token lives for hours, and the hour it ends is what one plans by. */}
      <Typography.Text type="secondary" data-testid="expiry">
        {t('header.expiresAt', { time: formatInstant(new Date(session.expiresAt).toISOString()) })}
      </Typography.Text>
      <LanguageSwitch />
      <Button icon={<LogoutOutlined />} onClick={signOut}>
        {t('header.signOut')}
      </Button>
    </Space>
  );
}
