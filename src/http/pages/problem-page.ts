import type { Translator } from './i18n/catalogue.js';
import { html } from './html.js';
import { renderPage } from './layout.js';

/**
 * A page that explains why the buyer cannot go on. The headline is the one Amazon Pay's own
 * pages show ("Hmmm...that didn't work", seed 000 troubleshooting); `details` is the technical
 * reason in English, escaped like every other value.
 */
export function renderProblem(
  t: Translator,
  title: string,
  message: string,
  details: string | null = null,
): string {
  return renderPage({
    t,
    title,
    body: html`<h1>${title}</h1>
      <p class="error" role="alert" data-testid="error">${message}</p>
      ${details ? html`<p class="note" data-testid="error-details">${t.text('problem.details', { details })}</p>` : ''}`,
  });
}
