/**
 * The five languages of the buyer pages (issue: English, French, German, Italian, Spanish) and how
 * one is picked for a request: an explicit choice (Amazon's `checkoutLanguage` such as `fr_FR`, or
 * `lang=fr`), else the browser's Accept-Language with its q-values, else English.
 */
export const LANGUAGES = ['en', 'fr', 'de', 'it', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language named in itself, for the language switcher. */
export const LANGUAGE_NAMES = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  it: 'Italiano',
  es: 'Español',
} as const satisfies Record<Language, string>;

const isLanguage = (value: string): value is Language =>
  (LANGUAGES as readonly string[]).includes(value);

/**
 * A language from a tag in any of the spellings buyers and merchants use: `fr`, `fr-FR`, `fr_FR`
 * (Amazon's checkoutLanguage), `FR-fr`. Only the primary subtag counts; unknown languages are null.
 */
export function parseLanguageTag(tag: string | undefined | null): Language | null {
  if (!tag) return null;
  const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return isLanguage(primary) ? primary : null;
}

/**
 * RFC 9110 §12.5.4 content negotiation over Accept-Language: highest q-value first, ties in the
 * order the browser listed them; `q=0` means "not this one"; `*` accepts the default. Answers
 * null when nothing the browser accepts is offered.
 */
export function negotiateLanguage(acceptLanguage: string | undefined | null): Language | null {
  if (!acceptLanguage) return null;
  const ranges = acceptLanguage
    .split(',')
    .map((part, order) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params
        .map((param) => /^\s*q\s*=\s*(\S*)\s*$/i.exec(param)?.[1])
        .find((value) => value !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { range: range.trim(), weight: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((entry) => entry.range !== '');
  const refused = new Set(
    ranges.filter((entry) => entry.weight <= 0).map((entry) => parseLanguageTag(entry.range)),
  );
  const wanted = ranges
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const { range } of wanted) {
    const language =
      range === '*'
        ? [DEFAULT_LANGUAGE, ...LANGUAGES].find((candidate) => !refused.has(candidate))
        : parseLanguageTag(range);
    if (language) return language;
  }
  return null;
}
