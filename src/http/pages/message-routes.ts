import type { FastifyInstance } from 'fastify';
import { LANGUAGES } from './i18n/languages.js';
import { MFA_MESSAGES } from './i18n/mfa-messages.js';

/** Where merchants fetch the recommended buyer messages after an MFA challenge (seed 000). */
export const MFA_MESSAGES_PATH = '/messages/mfa.json';

const DOCUMENT = JSON.stringify({
  description:
    "Amazon Pay's recommended buyer messages when the SCA (MFA) challenge was abandoned or failed, keyed by the AuthenticationStatus the buyer returns with, then by language.",
  languages: LANGUAGES,
  messages: MFA_MESSAGES,
});

/**
 * A public, static JSON resource (issue point 6): merchants' own pages and servers may read it,
 * from any origin, so it needs no admin token and sends a permissive CORS header.
 */
export function messageRoutes(app: FastifyInstance): void {
  app.get(MFA_MESSAGES_PATH, async (_request, reply) =>
    reply
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=3600')
      .type('application/json; charset=utf-8')
      .send(DOCUMENT),
  );
}
