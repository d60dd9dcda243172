import { FormSelect } from '../components/form-select';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRecord, recordValueSchema, resolved } from './body-schemas';
import type { Choice, SchemaFieldProps } from './field-types';
import { ObjectListField } from './object-list-field';

export type { Choice, FieldChoices, SchemaFieldProps } from './field-types';

/** One body property as a form field, its widget chosen by its schema. */
export function SchemaField({ name, path, schema: raw, required, choices, label: named }: SchemaFieldProps) {
  const { t } = useTranslation();
  const schema = resolved(raw);
  const label = named ?? choices.labels?.[name] ?? t(`field.${name}`, { defaultValue: name });
  const packLabels = choices.recordKeys?.[name];
  const options = choices.options?.[name];
  if (schema.type === 'object' && schema.properties) {
    // Nothing to ask where the page names no code that applies (a kind with no conditions).
    if (packLabels !== undefined && packLabels.length === 0) return null;
    return (
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, fontWeight: 600 }}>{label}</legend>
        {Object.entries(schema.properties)
          // Where the page names the codes that apply (this applicant's conditions), only those are asked.
          .filter(
            ([child]) => packLabels === undefined || packLabels.some((choice) => choice.value === child),
          )
          .map(([child, childSchema]) => (
            <SchemaField
              key={child}
              name={child}
              path={[...path, child]}
              schema={childSchema}
              required={schema.required?.includes(child) ?? false}
              choices={choices}
              // A document whose codes the pack names (documents: { 'special-plan': … }) is labelled by them.
              {...labelOf(packLabels, child)}
            />
          ))}
      </fieldset>
    );
  }
  if (isRecord(schema)) return <RecordField name={name} path={path} schema={schema} choices={choices} />;
  const item = { name: path, label, required };
  if (options) {
    return (
      <Form.Item {...item}>
        <FormSelect
          showSearch
          optionFilterProp="label"
          // An array of codes the pack (or the page) lists is a choice of several of them.
          {...(schema.type === 'array' ? { mode: 'multiple' as const } : {})}
          options={options.map((option) => ({ ...option }))}
        />
      </Form.Item>
    );
  }
  if (schema.enum) {
    return (
      <Form.Item {...item}>
        <FormSelect
          options={schema.enum.map((value) => ({
            value: String(value),
            label: t(`${name}.${String(value)}`, { defaultValue: String(value) }),
          }))}
        />
      </Form.Item>
    );
  }
  if (schema.type === 'boolean') {
    return (
      <Form.Item {...item} valuePropName="checked" initialValue={false}>
        <Switch />
      </Form.Item>
    );
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    return (
      <Form.Item {...item}>
        {/* No min or max: the box would quietly change 150 to 100 on leaving it; the check says why. */}
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
    );
  }
  if (schema.type === 'array' && resolved(schema.items ?? {}).type === 'object') {
    return <ObjectListField name={name} path={path} schema={schema} choices={choices} Field={SchemaField} />;
  }
  if (schema.type === 'array') {
    return (
      <Form.Item {...item}>
        <FormSelect mode="tags" open={false} tokenSeparators={['\n']} />
      </Form.Item>
    );
  }
  return (
    <Form.Item {...item}>
      {(schema.maxLength ?? 0) > 200 ? (
        <Input.TextArea rows={3} maxLength={schema.maxLength} showCount />
      ) : (
        <Input maxLength={schema.maxLength} />
      )}
    </Form.Item>
  );
}

function labelOf(labels: readonly Choice[] | undefined, code: string): { label?: string } {
  const label = labels?.find((choice) => choice.value === code)?.label;
  return label === undefined ? {} : { label };
}

/** `{ [code]: value }`: one input per code the pack names, or entries the user adds. */
function RecordField({ name, path, schema, choices }: Omit<SchemaFieldProps, 'required'>) {
  const { t } = useTranslation();
  const valueSchema = recordValueSchema(schema) ?? {};
  const numeric = valueSchema.type === 'number' || valueSchema.type === 'integer';
  const keys = choices.recordKeys?.[name];
  const label = t(`field.${name}`, { defaultValue: name });
  const valueInput = numeric ? <InputNumber style={{ width: '100%' }} /> : <Input />;
  if (keys) {
    // A finding per code (true: confirmed) starts unconfirmed: confirming is the official's own act.
    const flag = valueSchema.type === 'boolean';
    return (
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, fontWeight: 600 }}>{label}</legend>
        {keys.map((key) => (
          <Form.Item
            key={key.value}
            name={[...path, String(key.value)]}
            label={key.label}
            required
            {...(flag ? { valuePropName: 'checked', initialValue: false } : {})}
          >
            {flag ? <Switch /> : valueInput}
          </Form.Item>
        ))}
      </fieldset>
    );
  }
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
      <legend style={{ fontSize: 14, fontWeight: 600 }}>{label}</legend>
      <Form.List name={path}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline">
                <Form.Item
                  name={[field.name, 'key']}
                  rules={[{ required: true, message: t('signIn.required') }]}
                >
                  <Input placeholder={t('form.key')} aria-label={t('form.key')} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'value']}
                  rules={[{ required: true, message: t('signIn.required') }]}
                >
                  {numeric ? (
                    <InputNumber placeholder={t('form.value')} aria-label={t('form.value')} />
                  ) : (
                    <Input placeholder={t('form.value')} aria-label={t('form.value')} />
                  )}
                </Form.Item>
                <MinusCircleOutlined aria-label={t('form.remove')} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
              {t('form.addEntry')}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}
