import { escapeHtml, SafeHtml } from '../html.js';
import type { Language } from './languages.js';
import { DE } from './messages-de.js';
import { EN, type Catalogue, type MessageKey } from './messages-en.js';
import { ES } from './messages-es.js';
import { FR } from './messages-fr.js';
import { IT } from './messages-it.js';

export type { MessageKey } from './messages-en.js';

/** Every language's catalogue; the compiler rejects a language without one. */
export const CATALOGUES = { en: EN, fr: FR, de: DE, it: IT, es: ES } as const satisfies Record<
  Language,
  Catalogue
>;

/** The `{name}` placeholders of an English text, as a union of names. */
type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

type Placeholders<K extends MessageKey> = PlaceholdersOf<(typeof EN)[K]>;

/** A key's values, required exactly when its English text has placeholders. */
type ParamsArg<K extends MessageKey, V> = [Placeholders<K>] extends [never]
  ? []
  : [params: Record<Placeholders<K>, V>];

const PLACEHOLDER = /\{(\w+)\}/g;

/** Translates page texts for one language. */
export interface Translator {
  readonly lang: Language;
  /** The text with its placeholders filled in, as plain text (the html tag escapes it). */
  text<K extends MessageKey>(key: K, ...params: ParamsArg<K, string>): string;
  /**
   * The text as HTML: the translated words escaped, each value escaped too unless it is already a
   * SafeHtml fragment (to mark up a value inside a sentence, e.g. the test code in bold).
   */
  html<K extends MessageKey>(key: K, ...params: ParamsArg<K, string | SafeHtml>): SafeHtml;
}

export function translator(lang: Language): Translator {
  const catalogue: Catalogue = CATALOGUES[lang];
  const fill = (
    key: MessageKey,
    params: Readonly<Record<string, string | SafeHtml>> | undefined,
    literal: (text: string) => string,
    value: (value: string | SafeHtml) => string,
  ): string =>
    catalogue[key]
      .split(PLACEHOLDER)
      // split() with one capture group alternates literal text and placeholder names.
      .map((part, index) => {
        if (index % 2 === 0) return literal(part);
        const given = params?.[part];
        return given === undefined ? literal(`{${part}}`) : value(given);
      })
      .join('');
  return {
    lang,
    text: (key, ...params) =>
      fill(
        key,
        params[0],
        (text) => text,
        (value) => String(value),
      ),
    html: (key, ...params) =>
      new SafeHtml(
        fill(key, params[0], escapeHtml, (value) =>
          value instanceof SafeHtml ? value.value : escapeHtml(value),
        ),
      ),
  };
}

/** The `{name}` placeholders a text uses, for the test that translations keep them all. */
export const placeholdersIn = (text: string): string[] =>
  [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').sort();
