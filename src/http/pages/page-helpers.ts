import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/shared/errors.js';
import type { MessageKey } from './i18n/catalogue.js';
import { pageTranslator, sendPage } from './page-context.js';
import { renderProblem } from './problem-page.js';

export { formField } from './page-context.js';

/** A refusal by the pages themselves (not a domain rule), shown as a translated problem page. */
export class PageError extends Error {
  override readonly name = 'PageError';
  constructor(
    readonly status: number,
    readonly messageKey: Extract<
      MessageKey,
      'problem.csrf' | 'problem.notFound' | 'problem.generic'
    >,
    message: string,
  ) {
    super(message);
  }
}

const PROBLEM_STATUS: Partial<Record<DomainError['code'], number>> = { ResourceNotFound: 404 };

/** Page and domain errors become a readable page; anything else is left to the 500 handler. */
export function problemPage(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): FastifyReply {
  const t = pageTranslator(request, reply);
  const title = t.text('problem.title');
  if (error instanceof PageError)
    return sendPage(reply, error.status, renderProblem(t, title, t.text(error.messageKey)));
  if (!(error instanceof DomainError)) throw error;
  const status = PROBLEM_STATUS[error.code] ?? 400;
  const message = t.text(status === 404 ? 'problem.notFound' : 'problem.generic');
  return sendPage(reply, status, renderProblem(t, title, message, error.message));
}
