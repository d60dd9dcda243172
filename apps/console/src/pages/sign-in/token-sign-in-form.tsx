import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { sessionOf, type Session } from '../../session/session-store';

/** Any token the API accepts; the API itself judges it on the first request (a 401 comes back here). */
export function TokenSignInForm({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ token: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={({ token }) => {
        const session = sessionOf(token);
        if (!session) {
          form.setFields([{ name: 'token', errors: [t('signIn.tokenInvalid')] }]);
        } else if (session.expiresAt <= Date.now()) {
          form.setFields([{ name: 'token', errors: [t('signIn.tokenExpired')] }]);
        } else {
          onSignedIn(session);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('signIn.tokenHint')}</Typography.Paragraph>
      <Form.Item
        name="token"
        label={t('signIn.token')}
        rules={[{ required: true, message: t('signIn.required') }]}
      >
        <Input.TextArea rows={5} spellCheck={false} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}
