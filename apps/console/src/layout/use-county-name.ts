import { useTranslation } from 'react-i18next';
import { usePolicy } from '../api/queries';

/** A county's name in the chosen language, from the programme's pack; its code until that is known. */
export function useCountyName(code: string | null | undefined): string | null {
  const { i18n } = useTranslation();
  const policy = usePolicy();
  if (!code) return null;
  const county = policy.data?.counties.find((candidate) => candidate.code === code);
  if (!county) return code;
  return i18n.language === 'en' ? county.nameEn : county.nameZh;
}
