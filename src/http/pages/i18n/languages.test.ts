import { describe, expect, it } from 'vitest';
import { negotiateLanguage, parseLanguageTag } from './languages.js';

describe('parseLanguageTag', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['fr_FR', 'fr'],
    ['DE-de', 'de'],
    ['it_IT', 'it'],
    ['es-419', 'es'],
    ['en_GB', 'en'],
    [' en-US ', 'en'],
    ['ja_JP', null],
    ['', null],
    [undefined, null],
    ['<script>', null],
  ] as const)('%j → %j', (tag, expected) => {
    expect(parseLanguageTag(tag)).toBe(expected);
  });
});

describe('negotiateLanguage (Accept-Language with q-values)', () => {
  it.each([
    ['fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'fr'],
    ['de', 'de'],
    ['ja, it;q=0.5', 'it'],
    ['en;q=0.4, es;q=0.8', 'es'],
    ['de;q=0.5, it;q=0.9', 'it'],
    ['it;q=0.5, de;q=0.5', 'it'],
    ['fr;q=0, de;q=0.1', 'de'],
    ['es ; q = 0.7 , fr;q=0.6', 'es'],
    ['*', 'en'],
    ['en;q=0, *', 'fr'],
    ['ja, *;q=0.1', 'en'],
    ['ja, zh', null],
    ['fr;q=0', null],
    ['', null],
    [undefined, null],
    ['fr;q=abc, de', 'de'],
  ] as const)('%j → %j', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
