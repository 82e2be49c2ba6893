import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;
export type AppLocale = keyof typeof resources;

/** zh-CN for any Chinese system locale, English otherwise; the station's configured locale wins when it is set. */
export function osLocale(languages: readonly string[]): AppLocale {
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

const CHOSEN = 'packbench.locale';

/** The language a person chose on this bench (Settings), kept across reloads and restarts; null when none was chosen. */
export function chosenLocale(): AppLocale | null {
  try {
    const v = localStorage.getItem(CHOSEN);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: chosenLocale() ?? osLocale(navigator.languages),
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export function setLocale(locale: AppLocale): void {
  void i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** A person's choice on the Settings page: it wins over the configured language on this bench from now on. */
export function chooseLocale(locale: AppLocale): void {
  try {
    localStorage.setItem(CHOSEN, locale);
  } catch {
    // storage refused (a locked-down profile): the choice lasts until the page reloads
  }
  setLocale(locale);
}
