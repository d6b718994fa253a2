import { describe, expect, it } from 'vitest';
import { jsonShapeProblem } from './body-limits.js';

const limits = { maxBytes: 10_000, maxDepth: 3, maxStringBytes: 8, maxItems: 3, maxFormFields: 3 };
const problem = (text: string): string | null => jsonShapeProblem(Buffer.from(text), limits);

describe('jsonShapeProblem', () => {
  it.each([
    '{}',
    '{"a":{"b":[1,2,3]}}',
    '{"a":"12345678","b":-1.5e3,"c":null}',
    '["a\\"bc",true,false]',
    'not json at all',
    '{"a":{"b":{"c":1}}}',
  ])('accepts %s', (text) => {
    expect(problem(text)).toBeNull();
  });

  it.each([
    ['too deep', '{"a":{"b":{"c":{"d":1}}}}', /deeper than 3/],
    ['too deep, arrays', '[[[[1]]]]', /deeper than 3/],
    ['a long value', '{"a":"123456789"}', /longer than 8/],
    ['a long key', '{"123456789":1}', /longer than 8/],
    ['an unterminated long string', '{"a":"123456789', /longer than 8/],
    ['too many members', '{"a":1,"b":2,"c":3,"d":4}', /more than 3 members/],
    ['too many elements', '[1,2,3,4]', /more than 3 members/],
  ])('refuses %s', (_what, text, why) => {
    expect(problem(text)).toMatch(why);
  });

  it('counts an escaped quote as part of the string', () => {
    expect(problem('["\\"\\"\\"\\"\\""]')).toMatch(/longer than 8/);
    expect(problem('["\\"\\""]')).toBeNull();
  });

  it('scans 5,000 levels without recursion', () => {
    expect(jsonShapeProblem(Buffer.from('['.repeat(5_000) + ']'.repeat(5_000)))).toMatch(/deeper/);
  });
});
