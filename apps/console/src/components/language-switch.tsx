import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, languages, setLanguage, type Language } from '../i18n/i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('header.language')}
      data-testid="language-switch"
      value={currentLanguage()}
      options={languages.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
      onChange={(lng) => void setLanguage(lng)}
    />
  );
}
