import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/api-client';
import type { components } from '../../api/generated/openapi';
import { unwrap } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';
import { newIdempotencyKey } from '../../step-forms/idempotency-key';
import { TownPicker } from './town-picker';

type StartJob = components['schemas']['StartAuditJobDto'];
type JobKind = StartJob['kind'];
type WhatIf = NonNullable<Extract<StartJob, { kind: 'redecide' }>['whatIf']>;
const jobKinds: readonly JobKind[] = ['verify', 'replay', 'redecide', 'export'];
/** The packs the document lets a re-decision compare with. */
const whatIfPacks: readonly WhatIf[] = ['pingxiang-2017', 'jiangxi-style-observation'];

/** The body of the kind chosen, with only that kind's options (the API refuses the others). */
function jobBody(kind: JobKind, townId: string | undefined, whatIf: WhatIf | undefined): StartJob {
  const town = townId ? { townId } : {};
  switch (kind) {
    case 'verify':
    case 'replay':
      return { kind };
    case 'export':
      return { kind, ...town };
    case 'redecide':
      return { kind, ...town, ...(whatIf ? { whatIf } : {}) };
  }
}

/**
 * Starts a job. The
 * Idempotency-Key lives until a job has started, so a double click or a retry finds the same job.
 */
export function StartJobForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<JobKind>('verify');
  const [townId, setTownId] = useState<string | undefined>();
  const [whatIf, setWhatIf] = useState<WhatIf | undefined>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const start = useMutation({
    mutationFn: (body: StartJob) =>
      unwrap(api.POST('/api/audit/jobs', { body, headers: { 'Idempotency-Key': idempotencyKey } })),
    onSuccess: (job) => {
      setIdempotencyKey(newIdempotencyKey());
      void queryClient.invalidateQueries({ queryKey: ['audit', 'jobs'] });
      void navigate(`/audit/jobs/${job.jobId}`);
    },
  });
  return (
    <Card title={t('audit.jobs.start')}>
      <Form layout="vertical" onFinish={() => start.mutate(jobBody(kind, townId, whatIf))}>
        <Form.Item label={t('audit.jobs.kind')}>
          <Radio.Group
            aria-label={t('audit.jobs.kind')}
            value={kind}
            onChange={(event) => setKind(event.target.value as JobKind)}
            options={jobKinds.map((value) => ({ value, label: t(`audit.jobs.kinds.${value}`) }))}
          />
        </Form.Item>
        <Alert type="info" showIcon message={t(`audit.jobs.describe.${kind}`)} style={{ marginBottom: 16 }} />
        {kind === 'export' || kind === 'redecide' ? (
          <Form.Item label={t('audit.jobs.town')} extra={t(`audit.jobs.townHint.${kind}`)}>
            <TownPicker
              allowClear
              value={townId}
              onChange={setTownId}
              placeholder={t('audit.jobs.allTowns')}
            />
          </Form.Item>
        ) : null}
        {kind === 'redecide' ? (
          <Form.Item label={t('audit.jobs.whatIf')} extra={t('audit.jobs.whatIfHint')}>
            <Select
              allowClear
              aria-label={t('audit.jobs.whatIf')}
              value={whatIf}
              onChange={(value: WhatIf | undefined) => setWhatIf(value)}
              options={whatIfPacks.map((pack) => ({ value: pack, label: pack }))}
            />
          </Form.Item>
        ) : null}
        {start.error ? <ProblemAlert error={start.error} /> : null}
        <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={start.isPending}>
          {t('audit.jobs.run', { kind: t(`audit.jobs.kinds.${kind}`) })}
        </Button>
      </Form>
    </Card>
  );
}
