import type { FastifyInstance } from 'fastify';
import { forceState } from '../../app/force/force-state.js';
import { forceTargets } from '../../app/force/forced-transitions.js';
import type { AppDependencies } from '../../app/ports.js';
import type { Csrf } from '../pages/csrf.js';
import { html, type SafeHtml } from '../pages/html.js';
import { CONSOLE_PREFIX, consoleHref } from './console-layout.js';

/**
 * Forcing an object's state from its console page (issue 14 point 6): one submit button per state
 * the object can reach from where it is (app/force/forced-transitions.ts), in one POST form with
 * the CSRF token of this object, then back to the object page, whose timeline shows the
 * console's cause.
 */
const csrfScope = (kind: string, id: string): string => `force:${kind}:${id}`;

/** The object page's section: nothing when no state can be forced from the current one. */
export function forceSection(
  kind: string,
  object: unknown,
  issueToken: (scope: string) => string,
): SafeHtml {
  const targets = forceTargets(kind, object);
  if (targets.length === 0) return html``;
  const { id } = object as { id: string };
  const token = issueToken(csrfScope(kind, id));
  return html`<h2>Force a state</h2>
    <p>
      Runs the timer or the Amazon decision that leads there, with its notifications, as if it
      happened now.
    </p>
    <form method="post" action="${consoleHref('objects', kind, id, 'force')}">
      <input type="hidden" name="csrf" value="${token}" />
      ${targets.map(
        (target) =>
          html`<button type="submit" name="target" value="${target}" data-testid="force-${target}">
            ${target}
          </button> `,
      )}
    </form>`;
}

export function forceRoutes(app: FastifyInstance, deps: AppDependencies, csrf: Csrf): void {
  app.post(`${CONSOLE_PREFIX}/objects/:kind/:id/force`, async (request, reply) => {
    const { kind, id } = request.params as { kind: string; id: string };
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    csrf.verify(request, csrfScope(kind, id), form.csrf);
    await forceState(deps, {
      merchantId: null,
      kind,
      id,
      target: (form.target ?? '').slice(0, 100),
      via: 'console',
    });
    return reply
      .code(303)
      .header('location', consoleHref('objects', kind, id))
      .send();
  });
}
