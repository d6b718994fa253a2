import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  EMPTY_MERCHANT_METADATA,
  MERCHANT_METADATA_LIMITS,
  mergeMerchantMetadata,
  type MerchantMetadata,
} from './merchant-metadata.js';

const FILLED: MerchantMetadata = {
  merchantReferenceId: 'order-42',
  merchantStoreName: 'Test Store',
  noteToBuyer: 'Thanks!',
  customInformation: 'internal',
};

const FIELDS = Object.keys(MERCHANT_METADATA_LIMITS) as (keyof MerchantMetadata)[];

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

describe('mergeMerchantMetadata', () => {
  it('has the documented limits', () => {
    expect(MERCHANT_METADATA_LIMITS).toEqual({
      merchantReferenceId: 256,
      merchantStoreName: 50,
      noteToBuyer: 255,
      customInformation: 4096,
    });
  });

  it.each(FIELDS)('accepts %s at its limit', (field) => {
    const value = 'x'.repeat(MERCHANT_METADATA_LIMITS[field]);
    expect(mergeMerchantMetadata(EMPTY_MERCHANT_METADATA, { [field]: value })[field]).toBe(value);
  });

  it.each(FIELDS)('rejects %s one character over its limit, naming the field', (field) => {
    const value = 'x'.repeat(MERCHANT_METADATA_LIMITS[field] + 1);
    const error = errorOf(() => mergeMerchantMetadata(EMPTY_MERCHANT_METADATA, { [field]: value }));
    expect(error.code).toBe('InvalidParameterValue');
    expect(error.message).toContain(`'merchantMetadata.${field}'`);
  });

  it('names the field under a caller-chosen prefix', () => {
    const error = errorOf(() =>
      mergeMerchantMetadata(EMPTY_MERCHANT_METADATA, { noteToBuyer: 'x'.repeat(256) }, 'meta'),
    );
    expect(error.message).toContain("'meta.noteToBuyer'");
  });

  it.each<
    [name: string, patch: Parameters<typeof mergeMerchantMetadata>[1], expected: MerchantMetadata]
  >([
    ['no patch keeps everything', undefined, FILLED],
    ['an empty patch keeps everything', {}, FILLED],
    ['undefined fields are not sent', { noteToBuyer: undefined }, FILLED],
    ['a sent field replaces', { noteToBuyer: 'Bye' }, { ...FILLED, noteToBuyer: 'Bye' }],
    ['null clears', { merchantStoreName: null }, { ...FILLED, merchantStoreName: null }],
    ['an empty string is a value', { customInformation: '' }, { ...FILLED, customInformation: '' }],
    [
      'several fields at once',
      { merchantReferenceId: 'order-43', noteToBuyer: null },
      { ...FILLED, merchantReferenceId: 'order-43', noteToBuyer: null },
    ],
  ])('%s', (_name, patch, expected) => {
    expect(mergeMerchantMetadata(FILLED, patch)).toEqual(expected);
  });

  it('ignores keys outside the metadata shape', () => {
    const patch = { merchantReferenceId: 'a', unknown: 'b' } as Parameters<
      typeof mergeMerchantMetadata
    >[1];
    expect(mergeMerchantMetadata(EMPTY_MERCHANT_METADATA, patch)).toEqual({
      ...EMPTY_MERCHANT_METADATA,
      merchantReferenceId: 'a',
    });
  });

  it('does not modify its input', () => {
    const current = { ...FILLED };
    mergeMerchantMetadata(current, { noteToBuyer: 'changed' });
    expect(current).toEqual(FILLED);
  });
});
