import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { V2_ROUTES } from '../v2-plugin.js';
import { operationKey } from './openapi-document.js';
import { v2OpenApiJson } from './v2-openapi.js';
import { V2_OPERATION_DOCS } from './v2-operations.js';

/** Issue 15 point 5: the OpenAPI document and the routes cannot drift apart. */
describe('the v2 OpenAPI document', () => {
  const document = JSON.parse(v2OpenApiJson()) as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
  };
  const operations = Object.values(document.paths).flatMap((path) => Object.values(path));

  it('documents every route localpay serves, and nothing else', () => {
    const routes = V2_ROUTES.map(operationKey).sort();
    expect(Object.keys(V2_OPERATION_DOCS).sort()).toEqual(routes);
    expect(operations).toHaveLength(V2_ROUTES.length);
  });

  it('gives every operation a unique operationId, as the official SDKs name it', () => {
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('createCharge');
  });

  it('describes each body with the schema its route validates with (strict: no unknown fields)', () => {
    const createCharge = document.paths['/charges']?.post as {
      requestBody: { content: { 'application/json': { schema: Record<string, unknown> } } };
    };
    const schema = createCharge.requestBody.content['application/json'].schema;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['chargePermissionId', 'chargeAmount']);
  });

  it('is the document committed as docs/openapi.json (run `npm run openapi` after changing a route)', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(readFileSync('docs/openapi.json', 'utf8')).toBe(v2OpenApiJson());
  });
});
