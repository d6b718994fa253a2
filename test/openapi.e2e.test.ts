import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../src/testing/test-platform.js';

/** Issue 15 point 5: the OpenAPI document is served at a stable admin URL. */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(() => platform.close());

it('serves docs/openapi.json at /_localpay/openapi.json', async () => {
  const response = await fetch(`${platform.httpUrl}/_localpay/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  expect(await response.text()).toBe(await readFile('docs/openapi.json', 'utf8'));
});
