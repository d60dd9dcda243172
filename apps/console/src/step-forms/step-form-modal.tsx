import { FormSelect } from '../components/form-select';
import { Alert, Form, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { ProblemAlert } from '../components/problem-alert';
import { bodySchemaName, schemaNamed } from './body-schemas';
import { bodyFromValues } from './form-values';
import { newIdempotencyKey } from './idempotency-key';
import { SchemaField, type Choice, type FieldChoices } from './schema-field';
import { conforms, validateBody } from './validate-body';

export interface StepFormProps<Body, Result> {
  readonly title: string;
  /** The documented operation (`post /api/towns`): its body schema draws and checks the form. */
  readonly operation: string;
  /** The pack's choices; a function where they depend on what the form holds (an applicant's kind). */
  readonly choices: FieldChoices | ((values: Readonly<Record<string, unknown>>) => FieldChoices);
  readonly initialValues?: Readonly<Record<string, unknown>>;
  /** A path parameter to choose first (the review year, the reward), with its choices. */
  readonly pathField?: { readonly name: string; readonly choices: readonly Choice[] };
  readonly send: (body: Body, idempotencyKey: string, pathValue: string | undefined) => Promise<Result>;
  readonly onDone: (result: Result) => void;
  readonly onCancel: () => void;
}

/**
 * A step as a form: drawn from the API's schema for its body, checked in the browser with the validator
 * compiled from that schema, sent with an Idempotency-Key that lives as long as this form does (so a
 * double click or a retry never records twice), and a refusal shown next to its field where it names one.
 */
export function StepFormModal<Body, Result>(props: StepFormProps<Body, Result>) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  /** The form's own field names (`fieldIn.<schema>`), where the catalogue has them. */
  const formLabels = (name: string): Record<string, string> =>
    i18n.exists(`fieldIn.${name}`)
      ? (t(`fieldIn.${name}`, { returnObjects: true }) as unknown as Record<string, string>)
      : {};
  // Made once per opened form and kept across its retries.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const watched = Form.useWatch([], form) as Record<string, unknown> | undefined;
  const packChoices =
    typeof props.choices === 'function' ? props.choices(watched ?? props.initialValues ?? {}) : props.choices;
  const schemaName = bodySchemaName(props.operation);
  const choices: FieldChoices = { ...packChoices, labels: formLabels(schemaName) };
  // A refusal is shown above the fields: brought into view, or a long form sent from its end hides it.
  const refusal = useRef<HTMLDivElement>(null);
  const sending = useRef(false);
  const schema = schemaNamed(schemaName);
  const submit = useMutation({
    mutationFn: ({ body, pathValue }: { body: Body; pathValue: string | undefined }) =>
      props.send(body, idempotencyKey, pathValue),
    onSuccess: (result) => props.onDone(result),
    onError: (error) => {
      if (!(error instanceof ApiProblem)) return;
      // A refusal recorded nothing: the corrected form may send again with the same key (decision 0031).
      const known = new Set(Object.keys(schema.properties ?? {}));
      form.setFields(
        error.errors
          .filter((field) => known.has(field.field.split('.')[0] ?? ''))
          .map((field) => ({ name: field.field.split('.'), errors: [`${field.message} (${field.code})`] })),
      );
    },
  });
  useEffect(() => {
    if (submit.error) refusal.current?.scrollIntoView({ block: 'nearest' });
  }, [submit.error]);
  const onFinish = (values: Record<string, unknown>) => {
    // A double click submits twice before the first send re-renders the button as busy.
    if (sending.current) return;
    const chosen = props.pathField ? values[props.pathField.name] : undefined;
    const pathValue = typeof chosen === 'string' || typeof chosen === 'number' ? String(chosen) : undefined;
    const body = bodyFromValues(schema, values);
    const errors = validateBody(schemaName, body, t, packLabelIn(choices));
    if (errors.length > 0) {
      form.setFields(errors.map((error) => ({ name: error.name, errors: [error.message] })));
      return;
    }
    // The validator compiled from the body's schema is what makes it a Body.
    if (conforms<Body>(schemaName, body)) {
      sending.current = true;
      submit.mutate({ body, pathValue }, { onSettled: () => (sending.current = false) });
    }
  };
  return (
    <Modal
      open
      title={props.title}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.isPending}
      okButtonProps={{ disabled: submit.isPending, htmlType: 'submit' }}
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        // Named, so its fields' ids (step_kind) differ from the page's own forms behind it.
        name="step"
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={onFinish}
        data-testid="step-form"
      >
        <div ref={refusal}>{submit.error ? <ProblemAlert error={submit.error} /> : null}</div>
        {props.pathField ? (
          <Form.Item
            name={props.pathField.name}
            label={t(`field.${props.pathField.name}`)}
            rules={[
              {
                required: true,
                message: t('validation.required', { field: t(`field.${props.pathField.name}`) }),
              },
            ]}
          >
            <FormSelect options={props.pathField.choices.map((choice) => ({ ...choice }))} />
          </Form.Item>
        ) : null}
        {Object.entries(schema.properties ?? {}).map(([name, property]) => (
          <SchemaField
            key={name}
            name={name}
            path={[name]}
            schema={property}
            required={schema.required?.includes(name) ?? false}
            choices={choices}
          />
        ))}
        {Object.keys(schema.properties ?? {}).length === 0 ? (
          <Alert type="info" message={props.title} />
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('form.idempotencyNote', { key: idempotencyKey.slice(0, 8) })}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

/** A code's name among the pack's choices the form offers (criteria, plan documents, conditions…). */
function packLabelIn(choices: FieldChoices): (code: string) => string | undefined {
  const lists = [...Object.values(choices.recordKeys ?? {}), ...Object.values(choices.options ?? {})];
  return (code) =>
    choices.labels?.[code] ?? lists.flat().find((choice) => String(choice.value) === code)?.label;
}
