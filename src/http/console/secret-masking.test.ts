import { describe, expect, it } from 'vitest';
import { maskBody } from './secret-masking.js';

describe('request log masking', () => {
  it.each([
    [
      'JSON members named like secrets',
      '{"a":1,"accessToken":"abc","nested":{"clientSecret":"s"}}',
      ['abc', '"s"'],
      ['"a": 1'],
    ],
    [
      'MWS form signatures and tokens',
      'Action=GetOrderReferenceDetails&Signature=xyz%3D&AccessToken=tok&SellerId=A1',
      ['xyz', 'tok'],
      ['SellerId=A1'],
    ],
    ['XML elements', '<R><AccessToken>tok</AccessToken><Id>1</Id></R>', ['tok'], ['<Id>1</Id>']],
  ])('masks %s', (_what, body, hidden, kept) => {
    const masked = maskBody(body) ?? '';
    for (const secret of hidden) expect(masked).not.toContain(secret);
    for (const text of kept) expect(masked).toContain(text);
  });

  it('leaves other text and empty bodies alone', () => {
    expect(maskBody(null)).toBeNull();
    expect(maskBody('plain text')).toBe('plain text');
  });
});
