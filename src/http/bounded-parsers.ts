import { parse as parseQueryString } from 'node:querystring';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertFormShape, assertJsonShape, BODY_LIMITS } from './body-limits.js';

/**
 * The JSON and form parsers of every surface that does not read its raw body itself (the admin
 * API, the buyer pages and the widgets' API): Fastify's own, behind the shape limits of
 * body-limits.ts, so no body of a hostile shape reaches a handler (issue 10 point 7). The v2 and v1
 * APIs keep their bodies raw for the signature and check them in their own parsers.
 */
export async function registerBoundedParsers(app: FastifyInstance): Promise<void> {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: BODY_LIMITS.maxBytes },
    (request, body: Buffer, done) => {
      try {
        assertJsonShape(body);
      } catch (error) {
        done(error as Error, undefined);
        return;
      }
      void parseJson(request, body.toString('utf8'), done);
    },
  );
  await app.register(fastifyFormbody, {
    bodyLimit: BODY_LIMITS.maxBytes,
    parser: (text) => {
      assertFormShape(text);
      // maxKeys 0: assertFormShape already bounded the count; nothing is dropped silently.
      return parseQueryString(text, '&', '=', { maxKeys: 0 });
    },
  });
}

/**
 * A content-type parser for an API that keeps its body raw (the v2 and v1 signatures cover the
 * bytes as sent): `check` refuses a body of a hostile shape, else the body passes through as is.
 */
export const checkedRawBody =
  <B extends string | Buffer>(check: (body: B) => void) =>
  (_request: FastifyRequest, body: B, done: (error: Error | null, body?: B) => void): void => {
    try {
      check(body);
    } catch (error) {
      done(error as Error);
      return;
    }
    done(null, body);
  };
