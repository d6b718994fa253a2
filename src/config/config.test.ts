import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('LOCALPAY_SANDBOX_HTTP_RETURN_URLS', () => {
  it('defaults to localhost only (seed 004) and accepts any', () => {
    expect(loadConfig({}).sandboxHttpReturnUrls).toBe('localhost');
    expect(loadConfig({ LOCALPAY_SANDBOX_HTTP_RETURN_URLS: 'any' }).sandboxHttpReturnUrls).toBe(
      'any',
    );
    expect(() => loadConfig({ LOCALPAY_SANDBOX_HTTP_RETURN_URLS: 'everything' })).toThrow(
      'LOCALPAY_SANDBOX_HTTP_RETURN_URLS must be one of localhost, any',
    );
  });
});

describe('LOCALPAY_POSTGRES_PREPARED', () => {
  it('is on unless turned off, and refuses what is not a flag', () => {
    expect(loadConfig({}).postgresPreparedStatements).toBe(true);
    expect(loadConfig({ LOCALPAY_POSTGRES_PREPARED: '' }).postgresPreparedStatements).toBe(true);
    expect(loadConfig({ LOCALPAY_POSTGRES_PREPARED: '0' }).postgresPreparedStatements).toBe(false);
    expect(loadConfig({ LOCALPAY_POSTGRES_PREPARED: 'off' }).postgresPreparedStatements).toBe(
      false,
    );
    expect(() => loadConfig({ LOCALPAY_POSTGRES_PREPARED: 'sometimes' })).toThrow(
      'LOCALPAY_POSTGRES_PREPARED must be 1 or 0',
    );
  });
});
