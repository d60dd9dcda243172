import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { oneItemPerCode, resolved, type BodySchema } from './body-schemas';
import type { Choice, FieldChoices, SchemaFieldProps } from './field-types';

/** The field of one property: the caller's own (SchemaField), passed in so the two files need not cycle. */
type Field = (props: SchemaFieldProps) => ReactNode;

interface Props {
  readonly name: string;
  readonly path: (string | number)[];
  readonly schema: BodySchema;
  readonly choices: FieldChoices;
  readonly Field: Field;
}

/**
 * An array of objects. Where each item answers one code of a list (an opinion's finding on each
 * acceptance criterion), one card per code, the code fixed and named; otherwise items the user adds.
 */
export function ObjectListField({ name, path, schema, choices, Field }: Props) {
  const { t } = useTranslation();
  const label = t(`field.${name}`, { defaultValue: name });
  const item = resolved(schema.items ?? {});
  const perCode = oneItemPerCode(schema);
  if (perCode) {
    // The pack's names for the codes where the page has them, in the pack's order.
    const named: readonly Choice[] =
      choices.options?.[perCode.key] ?? perCode.codes.map((code) => ({ value: code, label: code }));
    return (
      <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
        <legend style={{ fontSize: 14, fontWeight: 600 }}>{label}</legend>
        {named.map((code, index) => (
          <Card key={String(code.value)} size="small" title={code.label} style={{ marginBottom: 8 }}>
            <Form.Item name={[...path, index, perCode.key]} initialValue={code.value} hidden>
              <Input />
            </Form.Item>
            <ItemFields
              item={item}
              path={[...path, index]}
              skip={perCode.key}
              choices={choices}
              Field={Field}
            />
          </Card>
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
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 8 }}
                extra={
                  <MinusCircleOutlined aria-label={t('form.remove')} onClick={() => remove(field.name)} />
                }
              >
                <ItemFields item={item} path={[field.name]} choices={choices} Field={Field} />
              </Card>
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

function ItemFields({
  item,
  path,
  skip,
  choices,
  Field,
}: {
  item: BodySchema;
  path: (string | number)[];
  skip?: string;
  choices: FieldChoices;
  Field: Field;
}) {
  return (
    <>
      {Object.entries(item.properties ?? {})
        .filter(([child]) => child !== skip)
        .map(([child, childSchema]) => (
          <Field
            key={child}
            name={child}
            path={[...path, child]}
            schema={childSchema}
            required={item.required?.includes(child) ?? false}
            choices={choices}
          />
        ))}
    </>
  );
}
