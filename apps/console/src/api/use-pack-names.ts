import { useTranslation } from 'react-i18next';
import type { components } from './generated/openapi';
import { usePolicy } from './queries';

type Vocabulary = components['schemas']['PolicyVocabularyDto'];
type NamedList =
  | 'counties'
  | 'candidateKinds'
  | 'industries'
  | 'criteria'
  | 'applicationConditions'
  | 'fundingSources'
  | 'ratings'
  | 'memberUnits'
  | 'rewards';

/** A code of the programme's pack by its name in the chosen language; the code itself until it is known. */
export function usePackNames(): (list: NamedList, code: string) => string {
  const { i18n } = useTranslation();
  const policy = usePolicy();
  return (list, code) => {
    const entries: Vocabulary[NamedList] = policy.data?.[list] ?? [];
    const entry = entries.find((candidate) => candidate.code === code);
    if (!entry) return code;
    return i18n.language === 'en' ? entry.nameEn : entry.nameZh;
  };
}

/**
 * The programme, or the pack it runs under (they share the id), by the pack's title
 * (萍乡市特色小镇建设工作方案（2017）) rather than its id; the id stands only for another pack, or until
 * the pack is loaded.
 */
export function usePolicyTitle(): (id: string) => string {
  const { i18n } = useTranslation();
  const policy = usePolicy();
  return (id) => {
    if (policy.data?.id !== id) return id;
    return i18n.language === 'en' ? policy.data.titleEn : policy.data.titleZh;
  };
}
