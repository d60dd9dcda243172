import { Card, Col, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { usePolicy } from '../../api/queries';
import { usePackNames } from '../../api/use-pack-names';
import { PageContainer } from '../../components/page-container';
import { QueryState } from '../../components/query-state';
import { formatMoney } from '../../format/format';
import { currentLanguage } from '../../i18n/i18n';
import { ChartCard, type Figure } from './chart-card';
import {
  deadlinesFigure,
  fundsByCountyFigure,
  fundsByYearFigure,
  landByYearFigure,
  moneyBySourceFigure,
  provincialFigure,
  quotaFigure,
  ratingsFigure,
  townsByStatusFigure,
  type FigureWords,
} from './dashboard-figures';

/** The coming weeks the deadline chart covers. */
const deadlineWeeks = 8;

/** 项目总览: the whole programme in charts, each with its table, from the read models. */
export function DashboardPage() {
  const { t } = useTranslation();
  const name = usePackNames();
  const policy = usePolicy();
  const overview = useQuery({
    queryKey: ['programme', 'overview'],
    queryFn: () => unwrap(api.GET('/api/programme/overview')),
  });
  const funds = useQuery({
    queryKey: ['programme', 'funds'],
    queryFn: () => unwrap(api.GET('/api/programme/funds')),
  });
  const deadlines = useQuery({
    queryKey: ['deadlines', deadlineWeeks],
    queryFn: () =>
      unwrap(api.GET('/api/deadlines', { params: { query: { within: `${deadlineWeeks * 7}d` } } })),
  });
  const language = currentLanguage();
  const words: FigureWords = {
    t,
    county: (code) => name('counties', code),
    fundingSource: (code) => name('fundingSources', code),
    rating: (code) => name('ratings', code),
    money: (yuan) => formatMoney(yuan, language),
  };
  const ratingCodes = (policy.data?.ratings ?? []).map((rating) => rating.code);
  return (
    <PageContainer crumbs={[{ title: t('dashboard.title') }]} title={t('dashboard.title')}>
      <QueryState query={overview}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col xs={24}>
              <Card>
                <Row gutter={16}>
                  <Col xs={12} md={6}>
                    <Statistic title={t('dashboard.towns')} value={data.towns} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic
                      title={t('dashboard.committed')}
                      value={words.money(data.funds.committedYuan)}
                    />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('dashboard.paid')} value={words.money(data.funds.paidYuan)} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic
                      title={t('dashboard.provincialTarget', data.provincial.target)}
                      value={data.provincial.listedByProvince}
                    />
                  </Col>
                </Row>
              </Card>
            </Col>
            <HalfWidthCharts
              charts={[
                { id: 'status', title: t('dashboard.byStatus'), figure: townsByStatusFigure(data, words) },
                { id: 'quota', title: t('dashboard.quota'), figure: quotaFigure(data, words) },
              ]}
            />
            <QueryState query={funds}>
              {(rows) => (
                <HalfWidthCharts
                  charts={[
                    {
                      id: 'funds-year',
                      title: t('dashboard.fundsByYear'),
                      figure: fundsByYearFigure(rows, words),
                    },
                    {
                      id: 'funds-county',
                      title: t('dashboard.fundsByCounty'),
                      figure: fundsByCountyFigure(rows, words),
                    },
                  ]}
                />
              )}
            </QueryState>
            <HalfWidthCharts
              charts={[
                {
                  id: 'ratings',
                  title: t('dashboard.ratings'),
                  figure: ratingsFigure(data, ratingCodes, words),
                },
                { id: 'provincial', title: t('dashboard.provincial'), figure: provincialFigure(data, words) },
                {
                  id: 'money-source',
                  title: t('dashboard.moneyBySource'),
                  figure: moneyBySourceFigure(data, words),
                },
                { id: 'land', title: t('dashboard.land'), figure: landByYearFigure(data, words) },
              ]}
            />
            <Col xs={24}>
              <QueryState query={deadlines}>
                {(due) => (
                  <ChartCard
                    id="deadlines"
                    title={t('dashboard.comingDeadlines', { weeks: deadlineWeeks })}
                    figure={deadlinesFigure(due.items, due.from, deadlineWeeks, words)}
                  />
                )}
              </QueryState>
            </Col>
          </Row>
        )}
      </QueryState>
    </PageContainer>
  );
}

/** Charts two to a row on wide screens, one on narrow ones. */
function HalfWidthCharts({ charts }: { charts: readonly { id: string; title: string; figure: Figure }[] }) {
  return charts.map((chart) => (
    <Col key={chart.id} xs={24} xl={12}>
      <ChartCard {...chart} />
    </Col>
  ));
}
