import { Alert, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { ProblemAlert } from '../../components/problem-alert';
import { stepLabel } from '../../format/labels';
import { batchSteps } from '../../step-forms/batch-steps';
import { newIdempotencyKey } from '../../step-forms/idempotency-key';
import type { RecordedStep } from '../../step-forms/town-steps';

type Applicant = components['schemas']['BatchApplicantDto'];

/**
 * Publishing has no fields, so its dialog says what it does instead: the towns on the decided list
 * record their listing and start their cultivation, and it cannot be taken back. Sent with one
 * Idempotency-Key for the dialog's life, as every step form is.
 */
export function PublishListModal(props: {
  batchId: string;
  applicants: readonly Applicant[];
  onDone: (result: RecordedStep) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const publish = useMutation({
    mutationFn: () => batchSteps.PublishList.send({ batchId: props.batchId, idempotencyKey }, {}),
    onSuccess: props.onDone,
  });
  const listed = props.applicants.filter((applicant) => applicant.outcome === 'listed');
  return (
    <Modal
      open
      title={stepLabel(t, 'PublishList')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      onOk={() => publish.mutate()}
      onCancel={props.onCancel}
      destroyOnHidden
      width={600}
    >
      <div data-testid="publish-list">
        {publish.error ? <ProblemAlert error={publish.error} /> : null}
        <Typography.Paragraph>
          {listed.length > 0
            ? t('batch.publishListed', { count: listed.length })
            : t('batch.publishNoneListed')}
        </Typography.Paragraph>
        {listed.length > 0 ? (
          <ul>
            {listed.map((town) => (
              <li key={town.townId}>{town.name}</li>
            ))}
          </ul>
        ) : null}
        <Alert type="warning" showIcon message={t('batch.publishFinal')} style={{ marginBottom: 8 }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('form.idempotencyNote', { key: idempotencyKey.slice(0, 8) })}
        </Typography.Text>
      </div>
    </Modal>
  );
}
