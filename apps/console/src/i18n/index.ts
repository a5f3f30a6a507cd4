import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { az } from './az';
import { en } from './en';

export const LANGUAGES = ['az', 'en'] as const;
const KEY = 'console.language';

/** Keys asked for but missing from the catalogue in use (the browser tests check it stays empty). */
export const missingKeys: string[] = [];
(globalThis as { __missingKeys?: string[] }).__missingKeys = missingKeys;

void i18n.use(initReactI18next).init({
  resources: { az: { translation: az }, en: { translation: en } },
  lng: localStorage.getItem(KEY) ?? 'az',
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => missingKeys.push(`${lngs.join(',')}:${key}`),
  returnNull: false,
});

const follow = (lng: string) => {
  document.documentElement.lang = lng;
  localStorage.setItem(KEY, lng);
};
follow(i18n.language);
i18n.on('languageChanged', follow);

export default i18n;
