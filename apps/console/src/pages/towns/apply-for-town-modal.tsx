import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/api-client';
import type { components } from '../../api/generated/openapi';
import { unwrap } from '../../api/problem';
import { useSignedIn } from '../../session/use-session';
import { StepFormModal } from '../../step-forms/step-form-modal';
import { usePackChoices } from '../../step-forms/use-pack-choices';

type Application = components['schemas']['ApplyForTownDto'];

/** A county official's application for a town: a step like any other, through the batch. */
export function ApplyForTownModal(props: {
  readonly batchId?: string;
  readonly onCancel: () => void;
  readonly onApplied: (townId: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const choices = usePackChoices();
  if (!choices.ready) return null;
  return (
    <StepFormModal<Application, components['schemas']['TownAppliedResponseDto']>
      title={t('step.ApplyForTown')}
      operation="post /api/towns"
      // Only the conditions of the kind chosen are asked, by their names.
      choices={(values) => ({
        ...choices,
        recordKeys: { ...choices.recordKeys, declarations: choices.declarationsFor(values.kind) },
      })}
      initialValues={{
        county: session.county ?? undefined,
        kind: 'administrative-town',
        ...(props.batchId ? { batchId: props.batchId } : {}),
      }}
      send={(body, idempotencyKey) =>
        unwrap(
          api.POST('/api/towns', {
            body,
            headers: { 'Idempotency-Key': idempotencyKey },
          }),
        )
      }
      onDone={(applied) => {
        void message.success(t('form.recorded', { step: t('step.ApplyForTown') }));
        void queryClient.invalidateQueries();
        props.onApplied(applied.townId);
      }}
      onCancel={props.onCancel}
    />
  );
}
