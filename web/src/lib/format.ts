/**
 * The one place money and times are formatted. Money is integer minor units + currency; the
 * exponent (digits after the decimal point) comes from the API when it says (wallets do), else
 * from Intl's knowledge of the currency (JPY 0, EUR 2, …), never an assumed 100.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string, exponent?: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${exponent ?? ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, ...(exponent === undefined ? {} : { minimumFractionDigits: exponent, maximumFractionDigits: exponent }) });
    numberFormats.set(key, format);
  }
  return format;
}

/** Digits after the decimal point of a currency, as Intl knows it. */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(minor: number, currency: string, locale: string, exponent = currencyExponent(currency)): string {
  return moneyFormat(locale, currency, exponent).format(minor / 10 ** exponent);
}

/** Minor units from what a person typed in major units ("12.5" EUR → 1250). */
export function toMinor(major: number, currency: string, exponent = currencyExponent(currency)): number {
  return Math.round(major * 10 ** exponent);
}

/** A date and time as shown at the store: in the store's time zone, not the browser's. */
export function formatDateTime(value: string | Date, locale: string, timeZone?: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) }).format(new Date(value));
}

export function formatTime(value: string | Date, locale: string, timeZone?: string): string {
  return formatDateTime(value, locale, timeZone, { hour: '2-digit', minute: '2-digit' });
}

export function formatDate(value: string | Date, locale: string, timeZone?: string, options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' }): string {
  return formatDateTime(value, locale, timeZone, options);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone, to group slots by day. */
export function localDate(value: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(value));
}

export function formatDistance(metres: number, locale: string): string {
  return metres < 1000
    ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(metres)
    : new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(metres / 1000);
}
