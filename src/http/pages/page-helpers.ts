import type { FastifyReply } from 'fastify';
import { DomainError } from '../../domain/shared/errors.js';
import { renderProblem } from './checkout-start-page.js';

/** A string field of a parsed form (or query), or undefined. */
export const formField = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

const PROBLEM_STATUS: Partial<Record<DomainError['code'], number>> = { ResourceNotFound: 404 };

/** Domain errors become a readable page; anything else is left to the server's 500 handler. */
export function problemPage(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof DomainError)) throw error;
  return reply
    .code(PROBLEM_STATUS[error.code] ?? 400)
    .type('text/html; charset=utf-8')
    .send(renderProblem("Hmmm...that didn't work", error.message));
}
