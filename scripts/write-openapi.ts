// Writes docs/openapi.json from the routes and schemas localpay serves (`npm run openapi`);
// src/http/v2/openapi/openapi-document.test.ts fails while the committed copy is stale.
import { writeFileSync } from 'node:fs';
import { v2OpenApiJson } from '../src/http/v2/openapi/v2-openapi.js';

writeFileSync('docs/openapi.json', v2OpenApiJson());
