import { FormSelect } from '../../components/form-select';
import { Button, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/api-client';
import type { components } from '../../api/generated/openapi';
import { unwrap } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';
import { sessionOf, type Session } from '../../session/session-store';

type Options = components['schemas']['DevSignInOptionsDto'];
type Request = components['schemas']['DevSignInRequestDto'];

export function DevSignInForm({
  options,
  onSignedIn,
}: {
  options: Options;
  onSignedIn: (session: Session) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Request>();
  const seat = Form.useWatch('seat', form);
  const chosen = options.seats.find((candidate) => candidate.seat === seat);
  const countyScoped = chosen?.countyScoped ?? false;
  const unitScoped = chosen?.unitScoped ?? false;
  const signIn = useMutation({
    mutationFn: (body: Request) => unwrap(api.POST('/api/dev-sign-in', { body })),
    onSuccess: ({ token }) => {
      const session = sessionOf(token);
      if (session) onSignedIn(session);
    },
  });
  return (
    <Form<Request>
      form={form}
      layout="vertical"
      initialValues={{ seat: 'county-official' }}
      onFinish={(values) =>
        signIn.mutate({
          ...values,
          county: countyScoped ? values.county : undefined,
          unit: unitScoped ? values.unit : undefined,
        })
      }
    >
      <Typography.Paragraph type="secondary">{t('signIn.devHint')}</Typography.Paragraph>
      <Form.Item
        name="seat"
        label={t('signIn.seat')}
        rules={[{ required: true, message: t('signIn.required') }]}
      >
        <FormSelect
          options={options.seats.map(({ seat: code }) => ({
            value: code,
            label: t(`seat.${code}`, { defaultValue: code }),
          }))}
        />
      </Form.Item>
      {countyScoped ? (
        <Form.Item
          name="county"
          label={t('signIn.county')}
          rules={[{ required: true, message: t('signIn.required') }]}
        >
          <FormSelect
            showSearch
            optionFilterProp="label"
            options={options.counties.map((county) => ({
              value: county.code,
              label: i18n.language === 'en' ? county.nameEn : county.nameZh,
            }))}
          />
        </Form.Item>
      ) : null}
      {unitScoped ? (
        <Form.Item
          name="unit"
          label={t('signIn.unit')}
          rules={[{ required: true, message: t('signIn.required') }]}
        >
          <FormSelect
            showSearch
            optionFilterProp="label"
            options={options.units.map((unit) => ({
              value: unit.code,
              label: i18n.language === 'en' ? unit.nameEn : unit.nameZh,
            }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="name" label={t('signIn.name')}>
        <Input maxLength={50} />
      </Form.Item>
      {signIn.error ? <ProblemAlert error={signIn.error} /> : null}
      <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}
