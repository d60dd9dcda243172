import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
const languageKey = 'towns.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(languageKey);
  return stored === 'en' ? 'en' : 'zh-CN';
}

/** Chinese first; English when the user chose it, remembered across visits (localStorage). */
export async function initI18n(): Promise<void> {
  const lng = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(lng);
}

function applyLanguage(lng: Language): void {
  dayjs.locale(lng === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lng;
  document.title = i18next.t('app.title');
}

export async function setLanguage(lng: Language): Promise<void> {
  localStorage.setItem(languageKey, lng);
  await i18next.changeLanguage(lng);
  applyLanguage(lng);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}
