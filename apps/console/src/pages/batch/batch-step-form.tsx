import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { usePolicy } from '../../api/queries';
import { usePackNames } from '../../api/use-pack-names';
import { stepLabel } from '../../format/labels';
import { batchSteps, type BatchStep } from '../../step-forms/batch-steps';
import type { FieldChoices } from '../../step-forms/schema-field';
import { StepFormModal } from '../../step-forms/step-form-modal';
import type { RecordedStep } from '../../step-forms/town-steps';
import { PublishListModal } from './publish-list-modal';

type Applicant = components['schemas']['BatchApplicantDto'];

/** Which step's form is open, and for whom: the applicant scored, the towns chosen for the list. */
export type OpenBatchStep =
  | { readonly type: 'RecordDefenceScore'; readonly townId: string }
  | { readonly type: 'DecideList'; readonly listed: readonly string[] }
  | { readonly type: 'PublishList' };

/** One batch step as its form: the pack's criteria (with weights) and the applicant's declared conditions. */
export function BatchStepForm({
  batchId,
  open,
  applicants,
  onClose,
}: {
  batchId: string;
  open: OpenBatchStep;
  applicants: readonly Applicant[];
  onClose: (recorded: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const policy = usePolicy();
  const name = usePackNames();
  const towns = applicants.map((applicant) => ({ value: applicant.townId, label: applicant.name }));
  const scored =
    open.type === 'RecordDefenceScore' ? applicants.find((a) => a.townId === open.townId) : undefined;
  const choices: FieldChoices = {
    options: { townId: towns, listed: towns },
    recordKeys: {
      scores: (policy.data?.criteria ?? []).map((criterion) => ({
        value: criterion.code,
        label: t('batch.criterion', {
          name: name('criteria', criterion.code),
          weight: criterion.weightPercent,
        }),
      })),
      conditions: (scored?.declaredConditions ?? []).map((code) => ({
        value: code,
        label: name('applicationConditions', code),
      })),
    },
  };
  const initialValues =
    open.type === 'RecordDefenceScore'
      ? { townId: open.townId, ...(scored?.scores ? { scores: scored.scores } : {}) }
      : open.type === 'DecideList'
        ? { listed: [...open.listed] }
        : {};
  const onDone = () => {
    void message.success(t('form.recorded', { step: stepLabel(t, open.type) }));
    void queryClient.invalidateQueries({ queryKey: ['batch', batchId] });
    void queryClient.invalidateQueries({ queryKey: ['my-work'] });
    void queryClient.invalidateQueries({ queryKey: ['towns'] });
    void queryClient.invalidateQueries({ queryKey: ['town'] });
    onClose(true);
  };
  if (open.type === 'PublishList')
    return (
      <PublishListModal
        batchId={batchId}
        applicants={applicants}
        onDone={onDone}
        onCancel={() => onClose(false)}
      />
    );
  const step: BatchStep<unknown> = batchSteps[open.type];
  return (
    <StepFormModal<unknown, RecordedStep>
      title={stepLabel(t, open.type)}
      operation={step.operation}
      choices={choices}
      initialValues={initialValues}
      send={(body, idempotencyKey) => step.send({ batchId, idempotencyKey }, body)}
      onDone={onDone}
      onCancel={() => onClose(false)}
    />
  );
}
