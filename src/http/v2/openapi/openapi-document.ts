import { z } from 'zod';
import type { V2Route } from '../v2-route.js';
import type { V2OperationDoc } from './v2-operations.js';

/**
 * The OpenAPI 3.1 document of the v2 REST API, built from the routes localpay serves and the zod
 * schemas they validate bodies with (JSON Schema 2020-12 is OpenAPI 3.1's schema dialect). It is
 * served at GET /_localpay/openapi.json and committed as docs/openapi.json (`npm run openapi`).
 */
type Json = Record<string, unknown>;

const SIGNED_HEADERS: readonly Json[] = [
  {
    name: 'authorization',
    in: 'header',
    required: true,
    description:
      'AMZN-PAY-RSASSA-PSS or AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=…, SignedHeaders=…, Signature=… (spec §2)',
    schema: { type: 'string' },
  },
  {
    name: 'x-amz-pay-date',
    in: 'header',
    required: true,
    description: 'Signed; within 15 minutes of real time (spec §2.4)',
    schema: { type: 'string', examples: ['20261206T120000Z'] },
  },
  {
    name: 'x-amz-pay-region',
    in: 'header',
    required: true,
    description: "The merchant's region: na, eu (also uk) or jp",
    schema: { type: 'string' },
  },
  {
    name: 'x-amz-pay-host',
    in: 'header',
    required: true,
    description: 'The API host, signed',
    schema: { type: 'string' },
  },
];

const IDEMPOTENCY_HEADER = (required: boolean): Json => ({
  name: 'x-amz-pay-idempotency-key',
  in: 'header',
  required,
  description:
    'At most 32 characters; a retry with the same key answers what the first request committed (spec §6)',
  schema: { type: 'string', maxLength: 32 },
});

const SIMULATION_HEADER: Json = {
  name: 'x-amz-pay-simulation-code',
  in: 'header',
  required: false,
  description: 'Sandbox only: force an outcome (spec §9, docs/decisions.md)',
  schema: { type: 'string' },
};

const ERROR_RESPONSE: Json = {
  description: 'An error in the v2 JSON format (spec §5)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** `/charges/:chargeId` → `/charges/{chargeId}` and its path parameters. */
function pathOf(url: string): { path: string; parameters: Json[] } {
  const parameters: Json[] = [];
  const path = url.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    return `{${name}}`;
  });
  return { path, parameters };
}

function bodySchema(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete json.$schema;
  return json;
}

function operationOf(route: V2Route, doc: V2OperationDoc): Json {
  const { parameters } = pathOf(route.url);
  const headers = [...SIGNED_HEADERS];
  if (route.idempotency !== 'ignored')
    headers.push(IDEMPOTENCY_HEADER(route.idempotency === 'required'));
  if (route.method !== 'GET') headers.push(SIMULATION_HEADER);
  const responses: Json = {};
  for (const [status, description] of Object.entries(doc.responses))
    responses[status] = {
      description,
      content: { 'application/json': { schema: { type: 'object' } } },
    };
  responses.default = ERROR_RESPONSE;
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    tags: [doc.tag],
    parameters: [...parameters, ...headers],
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: bodySchema(doc.body) } },
          },
        }
      : {}),
    responses,
  };
}

export const operationKey = (route: Pick<V2Route, 'method' | 'url'>): string =>
  `${route.method} ${route.url}`;

export function buildOpenApiDocument(
  routes: readonly V2Route[],
  docs: Readonly<Record<string, V2OperationDoc>>,
): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const doc = docs[operationKey(route)];
    if (doc === undefined) throw new Error(`No OpenAPI entry for ${operationKey(route)}.`);
    const { path } = pathOf(route.url);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationOf(route, doc) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'localpay: Amazon Pay v2 REST API',
      // The API's version (Amazon Pay API v2), not localpay's: the document changes only when the API does.
      version: '2.0.0',
      description:
        "The v2 operations localpay serves, wire-compatible with Amazon Pay's API. Paths are relative to /v2 (keys with an environment: SANDBOX-…, LIVE-…) or /sandbox/v2 and /live/v2 (legacy keys).",
    },
    servers: [
      { url: 'https://127.0.0.1:8443/v2' },
      { url: 'https://127.0.0.1:8443/sandbox/v2' },
      { url: 'https://127.0.0.1:8443/live/v2' },
    ],
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: { reasonCode: { type: 'string' }, message: { type: 'string' } },
          required: ['reasonCode', 'message'],
        },
      },
    },
  };
}
