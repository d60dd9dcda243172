import { useTranslation } from 'react-i18next';
import { usePolicy } from '../api/queries';
import type { Choice, FieldChoices } from './schema-field';

interface Named {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** Pickers for the fields whose values the programme's pack lists, labelled in the chosen language. */
export function usePackChoices(): FieldChoices & {
  readonly ready: boolean;
  /** The conditions an applicant of this kind declares (§IV.1), named. */
  readonly declarationsFor: (kind: unknown) => Choice[];
} {
  const { i18n } = useTranslation();
  const policy = usePolicy();
  const label = (item: Named) => (i18n.language === 'en' ? item.nameEn : item.nameZh);
  const choices = (items: readonly Named[] | undefined): Choice[] =>
    (items ?? []).map((item) => ({ value: item.code, label: label(item) }));
  const data = policy.data;
  return {
    ready: data !== undefined,
    options: {
      county: choices(data?.counties),
      industry: choices(data?.industries),
      unit: choices(data?.memberUnits),
      batchId: (data?.batches ?? []).map((batch) => ({ value: batch.id, label: batch.id })),
      // An opinion's finding per acceptance criterion, a project's approvals, money by source.
      criterion: choices(data?.acceptanceCriteria),
      procedure: choices(data?.approvalProcedures),
      fastTrack: choices(data?.fastTrackMethods),
      source: choices(data?.fundingSources),
    },
    recordKeys: { documents: choices(data?.planDocuments) },
    declarationsFor: (kind) =>
      choices(data?.applicationConditions.filter((condition) => condition.kinds.includes(String(kind)))),
  };
}
