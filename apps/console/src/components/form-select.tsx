import { Select, type SelectProps } from 'antd';

/**
 * A Select inside a required Form.Item. Ant Design puts `aria-required` on the Select's outer element,
 * which has no role that allows it (axe: aria-allowed-attr); the asterisk and the validation message
 * still say the field is required.
 */
export function FormSelect({
  'aria-required': _required,
  ...props
}: SelectProps & { 'aria-required'?: unknown }) {
  return <Select {...props} />;
}
