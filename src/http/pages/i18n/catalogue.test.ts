import { describe, expect, it } from 'vitest';
import { html } from '../html.js';
import { CATALOGUES, placeholdersIn, translator } from './catalogue.js';
import { LANGUAGES } from './languages.js';
import { EN, type MessageKey } from './messages-en.js';
import { MFA_MESSAGES, MFA_OUTCOMES } from './mfa-messages.js';

const KEYS = Object.keys(EN) as MessageKey[];

describe('page catalogues', () => {
  it.each(LANGUAGES)('%s translates every key, with the same placeholders as English', (lang) => {
    const catalogue: Readonly<Record<string, string>> = CATALOGUES[lang];
    expect(Object.keys(catalogue).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      const text = catalogue[key] ?? '';
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholdersIn(text), `${lang} ${key}`).toEqual(placeholdersIn(EN[key]));
      expect(text, `${lang} ${key} is plain text`).not.toMatch(/[<>]/);
    }
  });

  it('translations differ from English (nothing left untranslated by accident)', () => {
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      const same = KEYS.filter(
        (key) => CATALOGUES[lang][key] === EN[key] && !/^\W*\{\w+\}\W*$/.test(EN[key]),
      );
      // Words that are the same in both languages ("Status: {status}" in German) are allowed.
      expect(same.length, `${lang}: ${same.join(', ')}`).toBeLessThanOrEqual(3);
    }
  });

  it('fills placeholders as text, escaping them in HTML', () => {
    const t = translator('fr');
    expect(t.text('checkout.merchant', { merchant: 'A & B' })).toBe('Marchand : A & B');
    expect(t.html('checkout.merchant', { merchant: '<script>x</script>' }).value).toBe(
      'Marchand : &lt;script&gt;x&lt;/script&gt;',
    );
    expect(
      t.html('challenge.testCode', { code: html`<strong>${'12<3'}</strong>` }).value,
    ).toContain('<strong>12&lt;3</strong>');
  });
});

describe('MFA messages (seed 000, verbatim)', () => {
  it('has both outcomes in all five languages, as the seed writes them', () => {
    for (const outcome of MFA_OUTCOMES)
      for (const lang of LANGUAGES) expect(MFA_MESSAGES[outcome][lang]).toMatch(/\S/);
    expect(MFA_MESSAGES.Abandoned.en).toBe(
      "Something's wrong with your payment method. To place your order, try another.",
    );
    expect(MFA_MESSAGES.Failure.fr).toBe(
      "Un problème s’est produit avec votre paiement. Votre commande n'a pas été passée et vous n'avez pas été débité.",
    );
    expect(MFA_MESSAGES.Failure.de).toBe(
      'Beim Zahlungsvorgang ist ein Problem aufgetreten. Ihre Bestellung wurde nicht aufgegeben und Ihr Konto nicht belastet.',
    );
  });
});
