import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';

const run = promisify(execFile);

/**
 * Issue 10 point 5: the admin API refuses what a page on another origin can make a browser send
 * (simple-request bodies, a foreign Origin or Sec-Fetch-Site, a rebound Host), and still serves
 * curl, Node's fetch and localpay's own pages. Each refused attempt must leave the store unchanged.
 */
describe('admin API against cross-site requests', () => {
  let platform: TestPlatform;
  let merchantId: string;
  let url: string;
  beforeAll(async () => {
    platform = await createTestPlatform();
    merchantId = (await platform.createMerchant({ region: 'EU' })).merchantId;
    url = `${platform.httpUrl}/_localpay`;
  });
  afterAll(() => platform.close());

  const merchantCount = async () =>
    ((await (await fetch(`${url}/merchants`)).json()) as { merchants: unknown[] }).merchants.length;
  const clockOffset = async () =>
    (
      (await (await fetch(`${url}/merchants/${merchantId}`)).json()) as {
        merchant: { clockOffsetMs: number };
      }
    ).merchant.clockOffsetMs;

  /** node:http rather than fetch, which will not send a Host header of our choosing. */
  const post = (route: string, headers: Record<string, string>, body: string) =>
    new Promise<{ status: number; json: () => Promise<unknown> }>((resolve, reject) => {
      const request = http.request(`${url}${route}`, { method: 'POST', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({
            status: response.statusCode ?? 0,
            json: () => Promise.resolve(JSON.parse(text)),
          });
        });
      });
      request.on('error', reject);
      request.end(body);
    });

  const json = { 'content-type': 'application/json' };
  const createBody = JSON.stringify({ name: 'Evil', region: 'NA' });

  it.each([
    ['a form post', { 'content-type': 'application/x-www-form-urlencoded' }, 'name=Evil&region=NA'],
    ['a text/plain post', { 'content-type': 'text/plain' }, createBody],
    ['a multipart post', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'],
    ['a foreign Origin', { ...json, origin: 'https://evil.example' }, createBody],
    ['Origin null', { ...json, origin: 'null' }, createBody],
    ['a cross-site fetch', { ...json, 'sec-fetch-site': 'cross-site' }, createBody],
    ['a same-site fetch (other port)', { ...json, 'sec-fetch-site': 'same-site' }, createBody],
    ['a rebound host name', { ...json, host: 'evil.example' }, createBody],
  ])('refuses %s with 403 CrossSiteRequest and creates nothing', async (_what, headers, body) => {
    const before = await merchantCount();
    const response = await post('/merchants', headers, body);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { reasonCode: string }).reasonCode).toBe('CrossSiteRequest');
    expect(await merchantCount()).toBe(before);
  });

  it('refuses a cross-site clock move and a cross-site read', async () => {
    const before = await clockOffset();
    const moved = await post(
      `/merchants/${merchantId}/clock/advance`,
      { 'content-type': 'application/x-www-form-urlencoded' },
      'by=87600h',
    );
    expect(moved.status).toBe(403);
    const read = await fetch(`${url}/merchants`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(read.status).toBe(403);
    expect(await clockOffset()).toBe(before);
  });

  it('serves Node fetch, and a browser on localpay’s own origin', async () => {
    expect((await post('/merchants', json, createBody)).status).toBe(201);
    const own = await post(
      '/merchants',
      { ...json, origin: platform.httpUrl, 'sec-fetch-site': 'same-origin' },
      createBody,
    );
    expect(own.status).toBe(201);
    // A typed-in URL (Sec-Fetch-Site: none) is the developer, not a page.
    expect((await fetch(`${url}/health`, { headers: { 'sec-fetch-site': 'none' } })).status).toBe(
      200,
    );
  });

  it.skipIf(!existsSync('/usr/bin/curl'))('serves curl as documented', async () => {
    const before = await clockOffset();
    const { stdout } = await run('curl', [
      '-sS',
      '-X',
      'POST',
      '-H',
      'content-type: application/json',
      '-d',
      '{"by":"1h"}',
      `${url}/merchants/${merchantId}/clock/advance`,
    ]);
    expect(
      (JSON.parse(stdout) as { merchant: { clockOffsetMs: number } }).merchant.clockOffsetMs,
    ).toBe(before + 3_600_000);
  });
});
