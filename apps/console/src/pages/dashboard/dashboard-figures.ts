import type { TFunction } from 'i18next';
import type { components } from '../../api/generated/openapi';
import { deadlineLabel, statusLabel } from '../../format/labels';
import { formatDate } from '../../format/format';
import type { Figure } from './chart-card';

type Schemas = components['schemas'];
type Overview = Schemas['ProgrammeOverviewDto'];
type Funds = Schemas['ProgrammeFundsDto'];
type Deadline = Schemas['UpcomingDeadlineDto'];

/** How figures are named and written in the chosen language. */
export interface FigureWords {
  readonly t: TFunction;
  readonly county: (code: string) => string;
  readonly fundingSource: (code: string) => string;
  readonly rating: (code: string) => string;
  readonly money: (yuan: number) => string;
}

const tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } } as const;
const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true } as const;

/** Bars of one or more series over categories; the same figures as a table. */
function bars(
  categoryTitle: string,
  categories: readonly string[],
  series: readonly { key: string; name: string; values: readonly number[] }[],
  options: {
    stacked?: boolean;
    money?: (value: number) => string;
    markLines?: readonly { name: string; value: number }[];
  } = {},
): Figure {
  const format = options.money;
  return {
    option: {
      tooltip: { ...tooltip, ...(format ? { valueFormatter: (value: number) => format(value) } : {}) },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: [...categories], axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: {
        type: 'value',
        minInterval: 1,
        // A target line above every bar stays in view.
        ...(options.markLines
          ? {
              max: Math.max(
                ...options.markLines.map((line) => line.value),
                ...series.flatMap((serie) => serie.values),
              ),
            }
          : {}),
        ...(format ? { axisLabel: { formatter: format } } : {}),
      },
      series: series.map((serie, index) => ({
        type: 'bar',
        name: serie.name,
        data: [...serie.values],
        ...(options.stacked ? { stack: 'total' } : {}),
        ...(index === 0 && options.markLines
          ? {
              markLine: {
                symbol: 'none',
                label: { formatter: '{b}', position: 'insideEndTop' },
                data: options.markLines.map((line) => ({ name: line.name, yAxis: line.value })),
              },
            }
          : {}),
      })),
    },
    table: {
      columns: [
        { key: 'category', title: categoryTitle },
        ...series.map(({ key, name }) => ({ key, title: name })),
      ],
      rows: categories.map((category, row) => ({
        category,
        ...Object.fromEntries(
          series.map(({ key, values }) => [key, format ? format(values[row] ?? 0) : (values[row] ?? 0)]),
        ),
      })),
    },
  };
}

export function townsByStatusFigure(overview: Overview, { t }: FigureWords): Figure {
  const entries = Object.entries(overview.townsByStatus);
  return bars(
    t('dashboard.status'),
    entries.map(([status]) => statusLabel(t, status)),
    [{ key: 'towns', name: t('dashboard.towns'), values: entries.map(([, count]) => count) }],
  );
}

export function quotaFigure(overview: Overview, words: FigureWords): Figure {
  const { t } = words;
  const quotas = overview.quotas;
  return bars(
    t('dashboard.county'),
    quotas.map((quota) => words.county(quota.county)),
    [
      { key: 'used', name: t('dashboard.placesUsed'), values: quotas.map((quota) => quota.used) },
      {
        key: 'remaining',
        name: t('dashboard.placesRemaining'),
        values: quotas.map((quota) => quota.remaining),
      },
    ],
    { stacked: true },
  );
}

function fundSeries(
  t: TFunction,
  rows: readonly Pick<Schemas['FundsOfYearDto'], 'committedYuan' | 'paidYuan' | 'forfeitedYuan'>[],
) {
  return [
    { key: 'committed', name: t('dashboard.committed'), values: rows.map((row) => row.committedYuan) },
    { key: 'paid', name: t('dashboard.paid'), values: rows.map((row) => row.paidYuan) },
    { key: 'forfeited', name: t('dashboard.forfeited'), values: rows.map((row) => row.forfeitedYuan) },
  ];
}

export function fundsByYearFigure(funds: Funds, words: FigureWords): Figure {
  return bars(
    words.t('dashboard.year'),
    funds.byYear.map((row) => String(row.year)),
    fundSeries(words.t, funds.byYear),
    { money: words.money },
  );
}

export function fundsByCountyFigure(funds: Funds, words: FigureWords): Figure {
  return bars(
    words.t('dashboard.county'),
    funds.byCounty.map((row) => words.county(row.county)),
    fundSeries(words.t, funds.byCounty),
    { money: words.money },
  );
}

export function ratingsFigure(
  overview: Overview,
  ratingCodes: readonly string[],
  words: FigureWords,
): Figure {
  const years = overview.ratingsByYear;
  return bars(
    words.t('dashboard.year'),
    years.map((row) => String(row.year)),
    ratingCodes.map((code) => ({
      key: code,
      name: words.rating(code),
      values: years.map((row) => row.counts[code] ?? 0),
    })),
    { stacked: true },
  );
}

/** §I.3: the city's recommendations and the province's answers against its 3–5 target. */
export function provincialFigure(overview: Overview, { t }: FigureWords): Figure {
  const p = overview.provincial;
  return bars(
    t('dashboard.provincialStage'),
    [
      t('dashboard.recommended'),
      t('dashboard.listedByProvince'),
      t('dashboard.awaitingAnswer'),
      t('dashboard.notListedByProvince'),
    ],
    [
      {
        key: 'towns',
        name: t('dashboard.towns'),
        values: [p.recommended, p.listedByProvince, p.awaitingAnswer, p.notListedByProvince],
      },
    ],
    {
      markLines: [
        { name: t('dashboard.targetMin', { count: p.target.minTowns }), value: p.target.minTowns },
        { name: t('dashboard.targetMax', { count: p.target.maxTowns }), value: p.target.maxTowns },
      ],
    },
  );
}

const weekMs = 7 * 24 * 3_600_000;

/** Deadlines falling due per week from `from` (the server's now): the chart; each deadline: the table. */
export function deadlinesFigure(
  items: readonly Deadline[],
  from: string,
  weeks: number,
  { t }: FigureWords,
): Figure {
  const start = Date.parse(from);
  const counts = Array.from({ length: weeks }, () => 0);
  for (const item of items) {
    const week = Math.floor((Date.parse(item.dueAt) - start) / weekMs);
    if (week >= 0 && week < weeks) counts[week] = (counts[week] ?? 0) + 1;
  }
  const chart = bars(
    t('dashboard.week'),
    counts.map((_, week) =>
      t('dashboard.weekOf', { date: formatDate(new Date(start + week * weekMs).toISOString()) }),
    ),
    [{ key: 'deadlines', name: t('dashboard.deadlines'), values: counts }],
  );
  return {
    option: chart.option,
    table: {
      columns: [
        { key: 'dueAt', title: t('dashboard.dueOn') },
        { key: 'subject', title: t('dashboard.subject') },
        { key: 'deadline', title: t('dashboard.deadline') },
      ],
      rows: items.map((item) => ({
        dueAt: formatDate(item.dueAt),
        subject: item.subjectName ?? item.subjectId,
        deadline: deadlineLabel(t, item.name),
      })),
    },
  };
}

/** §III.5 "以县为主、乡镇为辅、市奖补": the money recorded for the towns, by source. */
export function moneyBySourceFigure(overview: Overview, words: FigureWords): Figure {
  const sources = overview.funding.bySource;
  return bars(
    words.t('dashboard.source'),
    sources.map((row) => `${words.fundingSource(row.source)}（${words.t(`dashboard.level.${row.level}`)}）`),
    [{ key: 'amount', name: words.t('dashboard.amount'), values: sources.map((row) => row.amountYuan) }],
    { money: words.money },
  );
}

/** §III.4: land granted to the towns, by the year it is for. */
export function landByYearFigure(overview: Overview, words: FigureWords): Figure {
  const years = overview.land.byYear;
  return bars(
    words.t('dashboard.year'),
    years.map((row) => String(row.year)),
    [
      { key: 'area', name: words.t('dashboard.areaMu'), values: years.map((row) => row.areaMu) },
      { key: 'grants', name: words.t('dashboard.grants'), values: years.map((row) => row.grants) },
    ],
  );
}
