import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import {
  isAllowedOrigin,
  isAllowedReturnUrl,
  LOOPBACK_DESTINATIONS,
  normaliseList,
  normaliseOrigin,
  normaliseReturnUrl,
} from './allowed-destinations.js';

const shop = {
  allowedReturnUrls: ['https://shop.example/account/', 'https://shop.example/login-done'],
  allowedJavaScriptOrigins: ['https://shop.example', 'https://shop.example:8443'],
};

describe('allowed return URLs', () => {
  it.each([
    ['https://shop.example/login-done', true],
    ['https://shop.example/login-done?state=1&lang=fr', true],
    ['https://shop.example/account/', true],
    ['https://shop.example/account/orders', true],
    ['https://shop.example/login-done/more', false],
    ['https://shop.example/accounting', false],
    ['http://shop.example/login-done', false],
    ['https://shop.example:444/login-done', false],
    ['https://shop.example.evil.example/login-done', false],
    ['https://evil.example/steal', false],
    ['https://user@shop.example/login-done', false],
    ['javascript:alert(1)', false],
    ['/login-done', false],
    ['', false],
  ])('%s → %s', (candidate, allowed) => {
    expect(isAllowedReturnUrl(shop, candidate)).toBe(allowed);
  });

  it('lets a registered loopback URL match any port (RFC 8252 §7.3), and nothing else', () => {
    expect(isAllowedReturnUrl(LOOPBACK_DESTINATIONS, 'http://127.0.0.1:3000/checkout')).toBe(true);
    expect(isAllowedReturnUrl(LOOPBACK_DESTINATIONS, 'http://localhost:8080/x?y=1')).toBe(true);
    expect(isAllowedReturnUrl(LOOPBACK_DESTINATIONS, 'http://[::1]:9/')).toBe(true);
    expect(isAllowedReturnUrl(LOOPBACK_DESTINATIONS, 'https://127.0.0.1/')).toBe(false);
    expect(isAllowedReturnUrl(LOOPBACK_DESTINATIONS, 'http://127.0.0.2/')).toBe(false);
    expect(isAllowedReturnUrl(LOOPBACK_DESTINATIONS, 'http://localhost.evil.example/')).toBe(false);
    expect(isAllowedReturnUrl(LOOPBACK_DESTINATIONS, 'https://evil.example/steal')).toBe(false);
  });
});

describe('allowed JavaScript origins', () => {
  it.each([
    ['https://shop.example', true],
    ['https://shop.example:8443', true],
    ['https://shop.example:9443', false],
    ['http://shop.example', false],
    ['https://shop.example/', false],
    ['null', false],
    ['https://evil.example', false],
  ])('%s → %s', (origin, allowed) => {
    expect(isAllowedOrigin(shop, origin)).toBe(allowed);
  });

  it('accepts any loopback port by default', () => {
    expect(isAllowedOrigin(LOOPBACK_DESTINATIONS, 'http://127.0.0.1:41234')).toBe(true);
    expect(isAllowedOrigin(LOOPBACK_DESTINATIONS, 'http://localhost:3000')).toBe(true);
    expect(isAllowedOrigin(LOOPBACK_DESTINATIONS, 'https://evil.example')).toBe(false);
  });
});

describe('registering entries', () => {
  it('normalises and de-duplicates, refusing what cannot be registered', () => {
    expect(
      normaliseList(
        ['https://Shop.Example/a', 'https://shop.example/a'],
        normaliseReturnUrl,
        'allowedReturnUrls',
      ),
    ).toEqual(['https://shop.example/a']);
    expect(normaliseOrigin('https://shop.example:443')).toBe('https://shop.example');
    for (const bad of ['ftp://x/', 'https://x/?q=1', 'https://x/#f', 'relative', 'https://u:p@x/'])
      expect(() => normaliseReturnUrl(bad)).toThrow(DomainError);
    for (const bad of ['https://x/path', 'https://x?q', 'x'])
      expect(() => normaliseOrigin(bad)).toThrow(DomainError);
    expect(() =>
      normaliseList(Array(51).fill('https://x/'), normaliseReturnUrl, 'allowedReturnUrls'),
    ).toThrow(/at most 50/);
  });
});
