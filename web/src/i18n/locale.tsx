import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';

export const LOCALES = ['es', 'it', 'en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { es: 'Español', it: 'Italiano', en: 'English', zh: '中文' };

const LOCALE_KEY = 'mercato.locale';
const CURRENCY_KEY = 'mercato.currency';
export const CURRENCIES = ['EUR', 'CNY'] as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A first visit follows the browser's language when it is one of the four, else English. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return isLocale(saved) ? saved : browserLocale();
}

/** Each catalogue is its own chunk: a shopper downloads only their language. */
const catalogues: Record<Locale, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import('./messages/en.json'),
  es: () => import('./messages/es.json'),
  it: () => import('./messages/it.json'),
  zh: () => import('./messages/zh.json'),
};

interface LocaleState {
  locale: Locale;
  /** The shopper chose a language: remembered in this browser (and on the account, by the caller). */
  setLocale(locale: Locale): void;
  currency: string;
  setCurrency(currency: string): void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [chosenCurrency, setCurrencyState] = useState<string | null>(() => localStorage.getItem(CURRENCY_KEY));
  // Until the shopper chooses, prices follow the language's home market.
  const currency = chosenCurrency ?? (locale === 'zh' ? 'CNY' : 'EUR');
  const [messages, setMessages] = useState<{ locale: Locale; messages: Record<string, string> } | null>(null);

  useEffect(() => {
    let live = true;
    void catalogues[locale]().then((module) => { if (live) setMessages({ locale, messages: module.default }); });
    document.documentElement.lang = locale;
    return () => { live = false; };
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    setLocaleState(next);
  }, []);
  const setCurrency = useCallback((next: string) => {
    localStorage.setItem(CURRENCY_KEY, next);
    setCurrencyState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale, currency, setCurrency }), [locale, setLocale, currency, setCurrency]);

  // Until the first catalogue arrives there is nothing to say; afterwards the previous one stays
  // on screen while the next loads, so switching never blanks the page.
  if (!messages) return null;
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={messages.locale} messages={messages.messages} defaultLocale="en" onError={reportMissing}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

function reportMissing(error: { code?: string; message: string }) {
  // A missing translation is caught by the catalogue test; at run time it falls back quietly.
  if (error.code === 'MISSING_TRANSLATION') return;
  console.warn(error.message);
}
