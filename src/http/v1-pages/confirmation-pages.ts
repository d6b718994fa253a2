import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  answerConfirmationChallenge,
  internalErrorReturn,
  startConfirmationFlow,
  type FlowStep,
} from '../../app/v1/confirmation-flow.js';
import type { AppDependencies } from '../../app/ports.js';
import { renderChallenge, type ChallengePageModel } from '../pages/challenge-page.js';
import type { Csrf } from '../pages/csrf.js';
import { formField, pageHref, pageTranslator, sendPage } from '../pages/page-context.js';
import { PageError, problemPage } from '../pages/page-helpers.js';
import { DomainError } from '../../domain/shared/errors.js';
import { renderProblem } from '../pages/problem-page.js';
import { TROUBLESHOOTING_TEXT } from './confirmation-messages.js';

/** Where Widgets.js's confirmationFlow.success() sends the buyer (seed 000). */
export const CONFIRMATION_FLOW_PATH = '/confirmation-flow';
const CHALLENGE_PATH = '/confirmation-flow/challenge';

const STATUS = { DidNotWork: 400, ProblemConnecting: 403 } as const;

/**
 * The hosted Confirmation Flow page: the same issuer challenge page as v2 (challenge-page.ts), its
 * form posting here; afterwards the buyer goes to SuccessUrl or FailureUrl with
 * AuthenticationStatus (or ErrorCode), both URLs registered by the merchant's Confirm call.
 */
export function confirmationPages(app: FastifyInstance, deps: AppDependencies, csrf: Csrf): void {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    step: FlowStep,
    sellerId: string,
  ): Promise<FastifyReply> {
    const t = pageTranslator(request, reply);
    switch (step.kind) {
      case 'redirect':
        return reply.redirect(step.url, 303);
      case 'problem': {
        const text = TROUBLESHOOTING_TEXT[step.page][t.lang];
        return sendPage(
          reply,
          STATUS[step.page],
          renderProblem(t, text.title, text.body, step.reason),
        );
      }
      case 'challenge': {
        const { view } = step;
        const model: ChallengePageModel = {
          merchantName: view.merchant.name,
          amount: view.amount,
          card: view.card,
          code: view.code,
          formAction: CHALLENGE_PATH,
          hiddenFields: {
            amazonPaymentContractId: view.contractId,
            sellerId,
            csrf: csrf.issue(request, reply, view.contractId),
          },
        };
        const languageHref = (lang: string) =>
          pageHref(CONFIRMATION_FLOW_PATH, {
            sellerId,
            amazonPaymentContractId: view.contractId,
            lang,
          });
        return sendPage(reply, 200, renderChallenge(t, model, languageHref));
      }
    }
  }

  /** Rule violations show a page; anything unexpected sends the buyer back with InternalServerError. */
  async function failed(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: unknown,
  ): Promise<FastifyReply> {
    if (error instanceof DomainError || error instanceof PageError)
      return problemPage(request, reply, error);
    request.log.error({ err: error }, 'internal error in the Confirmation Flow');
    const target = await internalErrorReturn(deps, id);
    if (target === null) throw error;
    return reply.redirect(target, 303);
  }

  app.get(CONFIRMATION_FLOW_PATH, async (request, reply) => {
    const sellerId = formField(request.query, 'sellerId') ?? '';
    const id =
      formField(request.query, 'amazonPaymentContractId') ?? formField(request.query, 'id') ?? '';
    try {
      return await show(request, reply, await startConfirmationFlow(deps, sellerId, id), sellerId);
    } catch (error) {
      return failed(request, reply, id, error);
    }
  });

  app.post(CHALLENGE_PATH, async (request, reply) => {
    const body = request.body;
    const id = formField(body, 'amazonPaymentContractId') ?? '';
    try {
      csrf.verify(request, id, formField(body, 'csrf'));
      const abandon = formField(body, 'action') === 'abandon';
      const step = await answerConfirmationChallenge(
        deps,
        id,
        abandon ? { kind: 'abandon' } : { kind: 'code', code: formField(body, 'code') ?? '' },
      );
      return await show(request, reply, step, formField(body, 'sellerId') ?? '');
    } catch (error) {
      return failed(request, reply, id, error);
    }
  });
}
