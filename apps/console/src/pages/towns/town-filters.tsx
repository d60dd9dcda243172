import { Button, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SetURLSearchParams } from 'react-router';
import type { paths } from '../../api/generated/openapi';
import { usePolicy } from '../../api/queries';
import { queryChoices, queryDefault } from '../../step-forms/query-parameters';

const listOperation = 'get /api/towns';
const filterNames = ['county', 'status', 'batch', 'kind', 'rating', 'year', 'sort'] as const;

/** The list's query as the API documents it, with the page always given. */
export type TownListQuery = NonNullable<paths['/api/towns']['get']['parameters']['query']> & {
  page: number;
  pageSize: number;
};

function allowed<K extends 'county' | 'batch' | 'rating' | 'status' | 'kind' | 'sort'>(
  parameter: K,
  value: string | null,
): TownListQuery[K] | undefined {
  const choices: readonly string[] = queryChoices(listOperation, parameter);
  return value !== null && choices.includes(value) ? (value as TownListQuery[K]) : undefined;
}

/** The list's query from the address bar; values the API's document does not allow are dropped. */
export function townListQuery(params: URLSearchParams): TownListQuery {
  const number = (name: string, fallback: number) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const year = number('year', 0);
  return {
    ...(allowed('county', params.get('county')) ? { county: allowed('county', params.get('county')) } : {}),
    ...(allowed('status', params.get('status')) ? { status: allowed('status', params.get('status')) } : {}),
    ...(allowed('batch', params.get('batch')) ? { batch: allowed('batch', params.get('batch')) } : {}),
    ...(allowed('kind', params.get('kind')) ? { kind: allowed('kind', params.get('kind')) } : {}),
    ...(allowed('rating', params.get('rating')) ? { rating: allowed('rating', params.get('rating')) } : {}),
    ...(year > 0 ? { year } : {}),
    ...(allowed('sort', params.get('sort')) ? { sort: allowed('sort', params.get('sort')) } : {}),
    page: number('page', Number(queryDefault(listOperation, 'page') ?? 1)),
    pageSize: number('pageSize', Number(queryDefault(listOperation, 'pageSize') ?? 20)),
  };
}

/** The filters the API has for towns, with the pack's names; a change goes back to the first page. */
export function TownFilters({ params, onChange }: { params: URLSearchParams; onChange: SetURLSearchParams }) {
  const { t, i18n } = useTranslation();
  const policy = usePolicy();
  const name = (item: { nameZh: string; nameEn: string }) =>
    i18n.language === 'en' ? item.nameEn : item.nameZh;
  const current = Object.fromEntries(filterNames.map((filter) => [filter, params.get(filter) ?? undefined]));
  const apply = (values: Record<string, unknown>) =>
    onChange(() => {
      const next = new URLSearchParams();
      for (const filter of filterNames) {
        const value = values[filter];
        if ((typeof value === 'string' && value !== '') || typeof value === 'number')
          next.set(filter, String(value));
      }
      return next;
    });
  const select = (filter: string, options: { value: string; label: string }[]) => (
    <Form.Item name={filter} label={t(filter === 'sort' ? 'towns.sort.label' : `towns.filter.${filter}`)}>
      <Select allowClear style={{ minWidth: 150 }} options={options} />
    </Form.Item>
  );
  return (
    <Form<Record<string, unknown>>
      // Named, so its fields' ids (town-filters_kind) differ from a step form's open over it (step_kind).
      name="town-filters"
      layout="inline"
      initialValues={{ ...current, year: current.year ? Number(current.year) : undefined }}
      onValuesChange={(_, all) => apply(all)}
    >
      {select(
        'county',
        (policy.data?.counties ?? []).map((county) => ({ value: county.code, label: name(county) })),
      )}
      {select(
        'status',
        queryChoices(listOperation, 'status').map((value) => ({ value, label: t(`status.${value}`) })),
      )}
      {select(
        'batch',
        (policy.data?.batches ?? []).map((batch) => ({ value: batch.id, label: batch.id })),
      )}
      {select(
        'kind',
        queryChoices(listOperation, 'kind').map((value) => ({ value, label: t(`kind.${value}`) })),
      )}
      {select(
        'rating',
        (policy.data?.ratings ?? []).map((rating) => ({ value: rating.code, label: name(rating) })),
      )}
      <Form.Item name="year" label={t('towns.filter.year')}>
        <InputNumber min={2000} max={2100} />
      </Form.Item>
      {select(
        'sort',
        queryChoices(listOperation, 'sort').map((value) => ({ value, label: t(`towns.sort.${value}`) })),
      )}
      <Button onClick={() => onChange(new URLSearchParams())}>{t('towns.filter.reset')}</Button>
    </Form>
  );
}
