import { describe, expect, it } from 'vitest';
import type { ReleaseEnvironment } from './environment.js';
import { DomainError } from './errors.js';
import { MAX_RETURN_URL_BYTES, validateReturnUrl } from './urls.js';

const FIELD = 'webCheckoutDetails.checkoutResultReturnUrl';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

/** An https URL of exactly `bytes` UTF-8 bytes, padded with `filler` (1 to 4 bytes each). */
function urlOfBytes(bytes: number, filler = 'a'): string {
  const prefix = 'https://shop.example/';
  const fillerBytes = new TextEncoder().encode(filler).length;
  const count = Math.floor((bytes - prefix.length) / fillerBytes);
  const url =
    prefix + filler.repeat(count) + 'a'.repeat(bytes - prefix.length - count * fillerBytes);
  expect(new TextEncoder().encode(url).length).toBe(bytes);
  return url;
}

describe('validateReturnUrl', () => {
  it.each<[url: string, environment: ReleaseEnvironment]>([
    ['https://shop.example/return', 'Sandbox'],
    ['https://shop.example/return', 'Live'],
    ['http://localhost:3000/return?x=1', 'Sandbox'],
    ['http://127.0.0.1:3000/return', 'Sandbox'],
    ['http://[::1]:3000/return', 'Sandbox'],
    ['https://shop.example/r%C3%BCckkehr?order=42#done', 'Live'],
    ['https://shop.example/rückkehr', 'Live'],
  ])('accepts %s in %s and returns it unchanged', (url, environment) => {
    expect(validateReturnUrl(url, FIELD, environment)).toBe(url);
  });

  it.each<[url: string, environment: ReleaseEnvironment, why: string]>([
    ['http://shop.example/return', 'Live', 'HTTPS in the Live environment'],
    // Seed 004: "you ... can use the HTTP protocol if you're testing on localhost".
    ['http://shop.example/return', 'Sandbox', 'only allowed for localhost in Sandbox'],
    ['http://localhost.shop.example/return', 'Sandbox', 'only allowed for localhost'],
    ['ftp://shop.example/return', 'Sandbox', 'must use https'],
    ['ftp://shop.example/return', 'Live', 'must use https'],
    ['javascript:alert(1)', 'Sandbox', 'must use https'],
    ['mailto:buyer@example.com', 'Sandbox', 'must use https'],
    ['not a url', 'Sandbox', 'not an absolute URL'],
    ['/relative/path', 'Sandbox', 'not an absolute URL'],
    ['', 'Sandbox', 'not an absolute URL'],
    ['https://', 'Sandbox', 'not an absolute URL'],
  ])('rejects %j in %s (%s)', (url, environment, why) => {
    const error = errorOf(() => validateReturnUrl(url, FIELD, environment));
    expect(error.code).toBe('InvalidParameterValue');
    expect(error.message).toContain(`'${FIELD}'`);
    expect(error.message).toContain(why);
  });

  it('limits URLs to 1024 bytes', () => {
    expect(MAX_RETURN_URL_BYTES).toBe(1024);
  });

  it.each([
    ['ASCII', 'a'],
    ['two-byte', 'é'],
    ['three-byte', '€'],
    ['four-byte', '😀'],
  ])('counts UTF-8 bytes, not characters (%s filler)', (_kind, filler) => {
    const atLimit = urlOfBytes(1024, filler);
    expect(validateReturnUrl(atLimit, FIELD, 'Sandbox')).toBe(atLimit);
    const error = errorOf(() => validateReturnUrl(urlOfBytes(1025, filler), FIELD, 'Sandbox'));
    expect(error.code).toBe('InvalidParameterValue');
    expect(error.message).toContain('1024 bytes');
  });

  it('rejects a URL of fewer than 1024 characters but more than 1024 bytes', () => {
    const url = 'https://shop.example/' + 'é'.repeat(600);
    expect(url.length).toBeLessThan(1024);
    expect(errorOf(() => validateReturnUrl(url, FIELD, 'Sandbox')).code).toBe(
      'InvalidParameterValue',
    );
  });
});

describe('LOCALPAY_SANDBOX_HTTP_RETURN_URLS=any', () => {
  it('allows plain http for any host in Sandbox, never in Live', () => {
    expect(validateReturnUrl('http://shop.example/return', FIELD, 'Sandbox', 'any')).toBe(
      'http://shop.example/return',
    );
    expect(
      errorOf(() => validateReturnUrl('http://shop.example/return', FIELD, 'Live', 'any')).code,
    ).toBe('InvalidParameterValue');
  });
});
