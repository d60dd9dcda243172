import { Tag } from 'antd';
import type { ReactNode } from 'react';

export type TagTone = 'green' | 'red' | 'blue' | 'orange' | 'default';

/**
 * Ant Design's preset tags draw their text too light on their own tint for WCAG AA (green on green is
 * about 3:1): the tint is kept, the text takes the darkest shade of the same colour.
 */
const darkText: Record<TagTone, string | undefined> = {
  green: '#135200',
  red: '#820014',
  blue: '#002c8c',
  orange: '#612500',
  default: undefined,
};

export function ReadableTag(props: { tone: TagTone; children: ReactNode; 'data-testid'?: string }) {
  return (
    <Tag
      color={props.tone === 'default' ? undefined : props.tone}
      style={{ color: darkText[props.tone] }}
      data-testid={props['data-testid']}
    >
      {props.children}
    </Tag>
  );
}
