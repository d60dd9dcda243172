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
