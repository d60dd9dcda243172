import { Card, DatePicker, Flex, Radio, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { PageContainer } from '../../components/page-container';
import { QueryState } from '../../components/query-state';
import { programmeZone } from '../../format/format';
import { useProgrammeNow } from '../../layout/use-training-clock';
import { AsOfReportDescriptions } from './as-of-report';
import { ProgrammeStateAtView } from './programme-state-at';
import { TownPicker } from './town-picker';
import { TownSummaryAtDescriptions } from './town-summary-at';

type Basis = 'occurred' | 'recorded';

/**
 * 历史状态: a town, or the whole programme, as of a Shanghai date. The date goes to the API as the
 * calendar date chosen (`YYYY-MM-DD`, which it reads as that day's last instant in Shanghai), so the
 * browser's own time zone never shifts the day. The choice lives in the address: a link names the state.
 */
export function AuditStatePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // Today by default: in training mode, the virtual day.
  const today = dayjs(useProgrammeNow()).tz(programmeZone).format('YYYY-MM-DD');
  const at = params.get('at') ?? today;
  const basis: Basis = params.get('basis') === 'recorded' ? 'recorded' : 'occurred';
  const townId = params.get('town') ?? undefined;
  const choose = (change: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(change)) {
          if (value === undefined) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  return (
    <PageContainer crumbs={[{ title: t('audit.state.title') }]} title={t('audit.state.title')}>
      <Card>
        <Flex gap={16} wrap align="center">
          <Space>
            <Typography.Text id="as-of-date">{t('audit.state.date')}</Typography.Text>
            <DatePicker
              aria-labelledby="as-of-date"
              data-testid="as-of-date"
              allowClear={false}
              value={dayjs(at)}
              onChange={(date) => choose({ at: date ? date.format('YYYY-MM-DD') : undefined })}
            />
          </Space>
          <Radio.Group
            aria-label={t('audit.state.basis')}
            optionType="button"
            value={basis}
            onChange={(event) => choose({ basis: event.target.value as Basis })}
            options={[
              { value: 'occurred', label: t('audit.state.bases.occurred') },
              { value: 'recorded', label: t('audit.state.bases.recorded') },
            ]}
          />
          <TownPicker
            allowClear
            value={townId}
            placeholder={t('audit.state.wholeProgramme')}
            onChange={(town) => choose({ town })}
          />
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t(`audit.state.basisHint.${basis}`)}
        </Typography.Paragraph>
      </Card>
      {townId ? (
        <TownStateAt townId={townId} at={at} basis={basis} />
      ) : (
        <ProgrammeStateAt at={at} basis={basis} />
      )}
    </PageContainer>
  );
}

function TownStateAt({ townId, at, basis }: { townId: string; at: string; basis: Basis }) {
  const state = useQuery({
    queryKey: ['audit', 'town', townId, 'state', at, basis],
    queryFn: () =>
      unwrap(
        api.GET('/api/audit/towns/{townId}/state', {
          params: { path: { townId }, query: { at, basis } },
        }),
      ),
  });
  return (
    <Card>
      <QueryState query={state}>
        {(data) => (
          <Flex vertical gap={16}>
            <AsOfReportDescriptions report={data} />
            <TownSummaryAtDescriptions summary={data.summary} />
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}

function ProgrammeStateAt({ at, basis }: { at: string; basis: Basis }) {
  const state = useQuery({
    queryKey: ['audit', 'programme', 'state', at, basis],
    queryFn: () => unwrap(api.GET('/api/audit/programme/state', { params: { query: { at, basis } } })),
  });
  return (
    <QueryState query={state}>
      {(data) => (
        <Flex vertical gap={16}>
          <Card>
            <AsOfReportDescriptions report={data} />
          </Card>
          <ProgrammeStateAtView state={data} />
        </Flex>
      )}
    </QueryState>
  );
}
