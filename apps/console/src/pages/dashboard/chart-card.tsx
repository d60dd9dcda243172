import { Card, Segmented, Table } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from './echart';

/** The figures behind a chart, as rows of a table: the chart's text alternative. */
export interface FigureTable {
  readonly columns: readonly { readonly key: string; readonly title: string }[];
  readonly rows: readonly Readonly<Record<string, string | number>>[];
}

export interface Figure {
  readonly option: EChartsCoreOption;
  readonly table: FigureTable;
}

/** A chart with a switch to its table (for screen readers and for copying figures out). */
export function ChartCard({ id, title, figure }: { id: string; title: string; figure: Figure }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}
      data-testid={`chart-${id}`}
      extra={
        <Segmented<'chart' | 'table'>
          size="small"
          value={view}
          onChange={setView}
          aria-label={t('dashboard.viewAs', { title })}
          options={[
            { value: 'chart', label: t('dashboard.chart') },
            { value: 'table', label: t('dashboard.table') },
          ]}
        />
      }
    >
      {view === 'chart' ? (
        <EChart option={figure.option} label={t('dashboard.chartLabel', { title })} />
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey={(_, index) => String(index)}
          dataSource={figure.table.rows.map((row) => ({ ...row }))}
          columns={figure.table.columns.map((column) => ({
            key: column.key,
            dataIndex: column.key,
            title: column.title,
          }))}
          locale={{ emptyText: t('common.empty') }}
        />
      )}
    </Card>
  );
}
