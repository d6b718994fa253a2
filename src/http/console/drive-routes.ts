import type { FastifyInstance } from 'fastify';
import { previewClockMove } from '../../app/inspection/clock-preview.js';
import { withChangeCause } from '../../app/inspection/change-cause.js';
import { resetMerchants } from '../../app/back-office/reset-merchant.js';
import { advanceMerchantClock } from '../../app/merchant-administration.js';
import type { AppDependencies } from '../../app/ports.js';
import { parseDuration } from '../../config/duration.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import type { Csrf } from '../pages/csrf.js';
import { html } from '../pages/html.js';
import { CONSOLE_PREFIX, consoleHref, table, time } from './console-layout.js';
import type { ConsolePage } from './console-page.js';

/**
 * Driving a merchant from the console (issue 14 point 6): move its clock, after a preview of the
 * timers that will fire. The move is the admin API's operation, run with a console cause so the
 * timeline says who moved time (the timers it fires are recorded as timers).
 */
type Form = Record<string, string | undefined>;

function duration(raw: string | undefined): { text: string; ms: number } {
  const text = (raw ?? '').trim().slice(0, 20);
  const ms = parseDuration(text);
  if (ms === null || ms <= 0)
    throw invalidParameter('by', 'give a duration such as 25h, 30d or 90m.');
  return { text, ms };
}

export function driveRoutes(
  app: FastifyInstance,
  deps: AppDependencies,
  csrf: Csrf,
  page: ConsolePage,
): void {
  app.get(`${CONSOLE_PREFIX}/merchants/:merchantId/clock`, async (request, reply) => {
    const { merchantId } = request.params as { merchantId: string };
    const by = duration((request.query as Form).by);
    const preview = await previewClockMove(deps, merchantId, by.ms);
    const token = csrf.issue(request, reply, `clock:${merchantId}`);
    return page(
      reply,
      200,
      'Move the clock',
      html`<h1>
          Move the clock of <a href="${consoleHref('merchants', merchantId)}">${merchantId}</a> by
          ${by.text}
        </h1>
        <p>
          From ${time(preview.from)} to ${time(preview.to)} (merchant clock). These timers will
          fire:
        </p>
        ${table(
          ['Object', 'Kind', 'Environment'],
          preview.due.map(
            (d) =>
              html`<tr>
                <td><a href="${consoleHref('objects', d.kind, d.id)}">${d.id}</a></td>
                <td>${d.kind}</td>
                <td>${d.environment}</td>
              </tr>`,
          ),
          'Objects whose timers are due by then',
        )}
        <form method="post" action="${consoleHref('merchants', merchantId, 'clock')}">
          <input type="hidden" name="csrf" value="${token}" />
          <input type="hidden" name="by" value="${by.text}" />
          <button type="submit" data-testid="move-clock">Move the clock by ${by.text}</button>
        </form>`,
    );
  });

  app.post(`${CONSOLE_PREFIX}/merchants/:merchantId/clock`, async (request, reply) => {
    const { merchantId } = request.params as { merchantId: string };
    const form = (request.body ?? {}) as Form;
    csrf.verify(request, `clock:${merchantId}`, form.csrf);
    const by = duration(form.by);
    await advanceMerchantClock(
      withChangeCause(deps, { kind: 'console', operation: `clock moved by ${by.text}` }),
      merchantId,
      by.ms,
    );
    return reply.code(303).header('location', consoleHref('merchants', merchantId)).send();
  });
}

/** The merchant page's entry to the preview: a GET form, so it works without script. */
export const clockForm = (merchantId: string) =>
  html`<h2>Clock</h2>
    <form class="filters" method="get" action="${consoleHref('merchants', merchantId, 'clock')}">
      <label
        >Move the clock forward by <input name="by" value="25h" data-testid="clock-by"
      /></label>
      <button type="submit">Preview the timers</button>
    </form>`;

/** Reset from the merchant page: a POST with the CSRF token, then back to the merchant. */
export const resetForm = (merchantId: string, token: string) =>
  html`<h2>Reset</h2>
    <form method="post" action="${consoleHref('merchants', merchantId, 'reset')}">
      <input type="hidden" name="csrf" value="${token}" />
      <p>
        Erase this merchant's objects, notifications and logs, and return its clock to real time
        (keys, stores, test buyers and IPN settings stay).
      </p>
      <button type="submit" data-testid="reset-merchant">Reset this merchant</button>
    </form>`;

export function resetRoutes(app: FastifyInstance, deps: AppDependencies, csrf: Csrf): void {
  app.post(`${CONSOLE_PREFIX}/merchants/:merchantId/reset`, async (request, reply) => {
    const { merchantId } = request.params as { merchantId: string };
    csrf.verify(request, `reset:${merchantId}`, ((request.body ?? {}) as Form).csrf);
    await resetMerchants(deps, merchantId);
    return reply.code(303).header('location', consoleHref('merchants', merchantId)).send();
  });
}
