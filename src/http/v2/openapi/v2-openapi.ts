import { V2_ROUTES } from '../v2-plugin.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { V2_OPERATION_DOCS } from './v2-operations.js';

let document: string | null = null;

/** The v2 OpenAPI document as JSON text, built once. */
export function v2OpenApiJson(): string {
  document ??= `${JSON.stringify(buildOpenApiDocument(V2_ROUTES, V2_OPERATION_DOCS), null, 2)}\n`;
  return document;
}
