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
