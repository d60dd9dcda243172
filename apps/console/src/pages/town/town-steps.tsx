import { App, Button, Card, Empty, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { usePackNames } from '../../api/use-pack-names';
import { stepLabel } from '../../format/labels';
import { StepFormModal } from '../../step-forms/step-form-modal';
import {
  isTownStep,
  townSteps,
  type RecordedStep,
  type TownStep,
  type TownStepType,
} from '../../step-forms/town-steps';
import type { Choice } from '../../step-forms/schema-field';
import { usePackChoices } from '../../step-forms/use-pack-choices';
import { useSignedIn } from '../../session/use-session';

type TownDetail = components['schemas']['TownDetailDto'];
type Progress = components['schemas']['TownProgressDto'];

/** Only the steps the domain allows the caller's seat now (`allowedSteps`), each as its own form. */
export function TownSteps({ town, progress }: { town: TownDetail; progress: Progress | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const choices = usePackChoices();
  const session = useSignedIn();
  const name = usePackNames();
  const [open, setOpen] = useState<TownStepType | null>(null);
  const steps = town.allowedSteps.filter(isTownStep);
  const pathChoices = (field: 'year' | 'reward' | 'projectId'): Choice[] => {
    if (field === 'projectId')
      return town.projects.map((item) => ({
        value: item.projectId,
        label: `${item.name}（${item.projectId}）`,
      }));
    if (field === 'year')
      return (progress?.reviews ?? []).map((review) => ({ value: review.year, label: String(review.year) }));
    return town.rewardItems
      .filter((item) => item.status === 'due')
      .map((item) => ({ value: item.reward, label: name('rewards', item.reward) }));
  };
  const step: TownStep<unknown> | null = open ? townSteps[open] : null;
  return (
    <Card title={t('town.steps')} data-testid="town-steps">
      {steps.length === 0 ? (
        <Empty description={t('town.noSteps')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {steps.map((type) => (
            <Button key={type} block type="primary" ghost onClick={() => setOpen(type)}>
              {stepLabel(t, type)}
            </Button>
          ))}
        </Space>
      )}
      {open && step && choices.ready ? (
        <StepFormModal<unknown, RecordedStep>
          title={stepLabel(t, open)}
          operation={step.operation}
          choices={choices}
          // An inspector records for their own unit: chosen already, as the token names it.
          {...(open === 'RecordSiteInspection' && session.unit !== null
            ? { initialValues: { unit: session.unit } }
            : {})}
          {...(step.pathField
            ? { pathField: { name: step.pathField, choices: pathChoices(step.pathField) } }
            : {})}
          send={(body, idempotencyKey, pathValue) =>
            step.send(
              {
                townId: town.townId,
                idempotencyKey,
                ...(step.pathField === 'year' ? { year: Number(pathValue) } : {}),
                ...(step.pathField === 'reward' ? { reward: pathValue } : {}),
                ...(step.pathField === 'projectId' ? { projectId: pathValue } : {}),
              },
              body,
            )
          }
          onDone={() => {
            void message.success(t('form.recorded', { step: stepLabel(t, open) }));
            setOpen(null);
            void queryClient.invalidateQueries({ queryKey: ['town', town.townId] });
            void queryClient.invalidateQueries({ queryKey: ['my-work'] });
          }}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </Card>
  );
}
