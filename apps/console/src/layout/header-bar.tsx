import { ClockCircleOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Grid, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { formatInstant } from '../format/format';
import { LanguageSwitch } from '../components/language-switch';
import { sessionStore } from '../session/session-store';
import { useSignedIn } from '../session/use-session';
import { TrainingClock } from './training-clock';
import { useCountyName } from './use-county-name';
import { useTrainingClock } from './use-training-clock';

/** Who is signed in, in which seat and county, until when; the language switch; sign out. */
export function HeaderBar() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const countyName = useCountyName(session.county);
  const training = useTrainingClock().data;
  // Below 1200 px the bar holds the rest only without the expiry's text: it is behind its icon then.
  const wide = Grid.useBreakpoint().xl === true;
  const signOut = () => {
    sessionStore.signOut();
    queryClient.clear();
    void navigate('/sign-in', { replace: true });
  };
  // The instant, not a countdown: a token lives for hours, and the hour it ends is what one plans by. In
  // training it is a real-world hour beside a virtual date, and says so, or it reads as long past.
  const expiry = t(training ? 'header.expiresAtRealTime' : 'header.expiresAt', {
    time: formatInstant(new Date(session.expiresAt).toISOString()),
  });
  return (
    <Space size="middle" wrap style={{ justifyContent: 'flex-end' }}>
      <TrainingClock />
      <Space aria-label={t('header.user')} wrap size={4}>
        <UserOutlined aria-hidden />
        <Typography.Text strong data-testid="user">
          {session.name ?? session.userId}
        </Typography.Text>
        <Tag color="blue" data-testid="seat">
          {t(`seat.${session.seat}`, { defaultValue: session.seat })}
        </Tag>
        {countyName ? <Tag data-testid="county">{countyName}</Tag> : null}
      </Space>
      {wide ? (
        <Typography.Text type="secondary" data-testid="expiry">
          {expiry}
        </Typography.Text>
      ) : (
        <Tooltip title={expiry}>
          <Button
            type="text"
            size="small"
            icon={<ClockCircleOutlined />}
            aria-label={expiry}
            data-testid="expiry"
          />
        </Tooltip>
      )}
      <LanguageSwitch />
      <Button icon={<LogoutOutlined />} onClick={signOut}>
        {t('header.signOut')}
      </Button>
    </Space>
  );
}
