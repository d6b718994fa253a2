import { describe, expect, it } from 'vitest';
import { cryptoRandom, randomString } from './crypto-random.js';

describe('cryptoRandom', () => {
  it('gives the asked number of characters of each alphabet', () => {
    for (const count of [0, 1, 6, 7, 11, 2000]) {
      expect(cryptoRandom.digits(count)).toMatch(new RegExp(`^[0-9]{${count}}$`));
      expect(cryptoRandom.upperAlphanumeric(count)).toMatch(new RegExp(`^[A-Z0-9]{${count}}$`));
      expect(cryptoRandom.hex(count)).toMatch(new RegExp(`^[0-9a-f]{${count}}$`));
    }
    expect(cryptoRandom.uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('draws digits and [A-Z0-9] about uniformly', () => {
    for (const alphabet of ['0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789']) {
      const draws = 200_000;
      const counts = new Map<string, number>();
      for (const character of randomString(alphabet, draws))
        counts.set(character, (counts.get(character) ?? 0) + 1);
      expect(counts.size).toBe(alphabet.length);
      const expected = draws / alphabet.length;
      // Chi-squared with 9 or 35 degrees of freedom: a fair source exceeds 5× the degrees of
      // freedom with probability under 1e-6; the modulo bias of a plain `byte % 10` (26 or 25
      // chances in 256) gives about 170 here.
      let chiSquared = 0;
      for (const count of counts.values()) chiSquared += (count - expected) ** 2 / expected;
      expect(chiSquared).toBeLessThan(5 * (alphabet.length - 1));
    }
  });

  it('does not repeat itself across many draws', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => cryptoRandom.digits(14)));
    expect(ids.size).toBe(10_000);
  });
});
