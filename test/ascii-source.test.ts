import { describe, expect, it } from 'vitest';
import { asciiSource } from '../scripts/ascii-source.mjs';

/** A module as esbuild writes one: strings escaped already, comments and templates as written. */
const MODULE = [
  '// spec v1 §3.6 ✓',
  '/* Wärting */',
  'const html = (strings, ...parts) =>',
  '  strings.reduce((out, text, index) => out + String(parts[index - 1]) + text);',
  'const plain = `a · ${1} — b 😀`;',
  'const page = html`<title>${"x"} – localpay</title>`;',
  'const raw = String.raw`ä`;',
  'const escapedAlready = `\\·`;',
  'const text = "\\u00e9 é";',
  'export const values = [plain, page, raw, escapedAlready, text];',
].join('\n');

const valuesOf = async (source: string): Promise<unknown> =>
  (
    (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as {
      values: unknown;
    }
  ).values;

describe('asciiSource (the bundle step of scripts/bundle.mjs)', () => {
  it('escapes comments and the text of templates whose tag reads the cooked text', () => {
    const { source, left } = asciiSource(MODULE);
    expect(source).toContain('// spec v1 \\u00a7');
    expect(source).toContain('/* W\\u00e4rting */');
    expect(source).toContain('`a \\u00b7 ${1} \\u2014 b \\ud83d\\ude00`');
    expect(source).toContain('html`<title>${"x"} \\u2013 localpay</title>`');
    // Left as written and reported: String.raw could read the raw text, `\·` is an escape
    // already, and a string literal is esbuild's to escape.
    expect(left.map((at) => MODULE[at])).toEqual(['ä', '·', 'é']);
  });

  it('changes no value the module computes', async () => {
    const rewritten = asciiSource(MODULE).source;
    expect(await valuesOf(rewritten)).toEqual(await valuesOf(MODULE));
    expect(await valuesOf(rewritten)).toEqual([
      'a · 1 — b 😀',
      '<title>x – localpay</title>',
      'ä',
      '·',
      'é é',
    ]);
  });
});
