import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTownChoices } from './use-town-choices';

/** A town chosen by name (typed to filter); `allowClear` lets a page fall back to the whole programme. */
export function TownPicker(props: {
  value: string | undefined;
  onChange: (townId: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const choices = useTownChoices();
  return (
    <Select
      showSearch
      allowClear={props.allowClear}
      aria-label={t('audit.town')}
      data-testid="town-picker"
      style={{ minWidth: 280 }}
      loading={choices.isPending}
      placeholder={props.placeholder ?? t('audit.chooseTown')}
      value={props.value}
      options={choices.data ?? []}
      optionFilterProp="label"
      onChange={(value: string | undefined) => props.onChange(value)}
    />
  );
}
