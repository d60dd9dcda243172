import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { countdown } from '../format/format';

/** Days and hours left (or overdue) until an instant; red when overdue, orange within three days. */
export function CountdownTag({ dueAt, now }: { dueAt: string; now: number }) {
  const { t } = useTranslation();
  const left = countdown(dueAt, now);
  const color = left.overdue ? 'red' : left.days < 3 ? 'orange' : 'blue';
  return (
    <Tag color={color}>
      {t(left.overdue ? 'countdown.overdue' : 'countdown.left', { days: left.days, hours: left.hours })}
    </Tag>
  );
}
