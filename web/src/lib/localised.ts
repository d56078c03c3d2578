/** A text the API gives in several languages ({ en, es, it, zh }): the shopper's, else English, else any. */
export function pick(texts: Record<string, string | undefined> | undefined, locale: string): string {
  return texts ? texts[locale] ?? texts.en ?? Object.values(texts).find(Boolean) ?? '' : '';
}
