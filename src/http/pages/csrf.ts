import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PageError } from './page-helpers.js';

const COOKIE = 'lp_csrf';

/**
 * Double-submit CSRF protection for buyer forms: a random browser nonce in an HttpOnly, SameSite
 * cookie, and a form token that is an HMAC of that nonce and the object the form acts on. A page
 * from another origin can neither read the cookie nor compute the token.
 */
export interface Csrf {
  /** Returns the token to embed in a form for `objectId`, setting the nonce cookie if needed. */
  issue(request: FastifyRequest, reply: FastifyReply, objectId: string): string;
  /** Throws a 403 PageError unless the token matches this browser's nonce and `objectId`. */
  verify(request: FastifyRequest, objectId: string, token: unknown): void;
}

export function createCsrf(secret: Buffer): Csrf {
  const sign = (nonce: string, objectId: string): string =>
    createHmac('sha256', secret).update(`${nonce}\n${objectId}`).digest('base64url');
  return {
    issue(request, reply, objectId) {
      let nonce = request.cookies[COOKIE];
      if (!nonce || !/^[A-Za-z0-9_-]{22,}$/.test(nonce)) {
        nonce = randomBytes(24).toString('base64url');
        void reply.setCookie(COOKIE, nonce, {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          secure: request.protocol === 'https',
        });
      }
      return sign(nonce, objectId);
    },
    verify(request, objectId, token) {
      const nonce = request.cookies[COOKIE];
      const expected = nonce ? Buffer.from(sign(nonce, objectId)) : null;
      const given = typeof token === 'string' ? Buffer.from(token) : null;
      if (
        !expected ||
        !given ||
        expected.length !== given.length ||
        !timingSafeEqual(expected, given)
      )
        throw new PageError(
          403,
          'problem.csrf',
          'The form token is missing or does not match this browser and object.',
        );
    },
  };
}
