// i18next with the French and English resources; the chosen language is remembered on this copy.
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang } from '../core/labels';
import { en } from './en';
import { fr } from './fr';

const STORAGE_KEY = 'vigie.lang';

function savedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export function initI18n(lang: Lang = savedLang()) {
  void i18n.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: lang,
    fallbackLng: 'fr',
    // React escapes text itself; the resources never hold markup.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = lang;
  return i18n;
}

export function setLang(lang: Lang): void {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this session only */
  }
}

/** The current language, for the vocabulary labels of core/labels.ts. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'fr';
}
