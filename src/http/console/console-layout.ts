import { html, SafeHtml, type Interpolation } from '../pages/html.js';
import { securityHeaders } from '../pages/layout.js';

/**
 * The console's frame (issue 14): server-rendered like the buyer pages (pages/layout.ts: escaping
 * by default, one stylesheet allowed by hash), wider, with a navigation landmark. The only script
 * is /console/live.js, served by localpay itself, for live updates; every view reads without it.
 * Contrast: text #111 on #fff, links #0b57d0 (6.1:1), muted #444 (9.7:1), states on tinted
 * backgrounds at least 7:1.
 */
const STYLE = [
  'body{font:.95rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f3f3f3;color:#111}',
  'header.top{background:#232f3e;color:#fff;padding:.5rem 1rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}',
  'header.top a{color:#fff}header.top strong{font-size:1.1rem}',
  'header.top ul{list-style:none;display:flex;gap:1rem;margin:0;padding:0}',
  'main{max-width:80rem;margin:1rem auto;background:#fff;border:1px solid #999;border-radius:8px;padding:1rem 1.5rem}',
  'h1{font-size:1.35rem;margin-top:0}h2{font-size:1.1rem;margin-top:1.5rem}a{color:#0b57d0}',
  'table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}',
  'th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums}',
  'pre{background:#f6f6f6;border:1px solid #ccc;padding:.6rem;overflow:auto;max-height:32rem;white-space:pre-wrap;word-break:break-all}',
  'form.filters,p.filters{display:flex;gap:.75rem;flex-wrap:wrap;align-items:end;margin:.5rem 0}',
  'label{display:flex;flex-direction:column;font-size:.85rem;color:#333}',
  'input,select{font:inherit;padding:.3rem;border:1px solid #555;border-radius:4px}',
  'button{font:inherit;padding:.35rem .9rem;border-radius:6px;border:1px solid #6b5500;background:#ffd814;color:#111;cursor:pointer}',
  ':focus-visible{outline:3px solid #0b57d0;outline-offset:2px}',
  '.muted{color:#444}.state{padding:0 .35rem;border-radius:4px;background:#e8e8e8;color:#111}',
  '.bad{background:#fdecee;color:#7a0014}.good{background:#e6f4ea;color:#0b3d17}',
  '.side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.side>div{min-width:0}',
  'header.top .live{font-size:.85rem;color:#fff}',
  'label.check{flex-direction:row;gap:.4rem;align-items:center;font-size:.95rem;color:#111}',
  'textarea{font:.85rem/1.3 ui-monospace,monospace;padding:.3rem;border:1px solid #555;border-radius:4px}',
  'fieldset{border:1px solid #999;border-radius:6px;margin:.5rem 0}p.state{padding:.4rem .6rem}',
].join('\n');

const STYLE_ELEMENT = new SafeHtml(`<style>${STYLE}</style>`);
export const CONSOLE_HEADERS = securityHeaders(STYLE, true);
export const CONSOLE_PREFIX = '/console';

export const consoleHref = (...parts: string[]): string =>
  [CONSOLE_PREFIX, ...parts.map(encodeURIComponent)].join('/');

/** What the frame shows besides the view. */
export interface ConsoleChrome {
  /** Only a console behind LOCALPAY_ADMIN_TOKEN has a session to end (login-routes.ts). */
  readonly logout: boolean;
}

export function renderConsole(title: string, body: SafeHtml, chrome: ConsoleChrome): string {
  return `<!doctype html>\n${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title} – localpay console</title>
        ${STYLE_ELEMENT}
        <script src="${CONSOLE_PREFIX}/live.js" defer></script>
      </head>
      <body>
        <header class="top">
          <strong>localpay console</strong>
          <nav aria-label="Console">
            <ul>
              <li><a href="${CONSOLE_PREFIX}">Merchants</a></li>
              <li><a href="${consoleHref('requests')}">Request log</a></li>
              <li><a href="${consoleHref('ipns')}">IPNs</a></li>
              <li><a href="${consoleHref('snapshots')}">Snapshots</a></li>
              ${chrome.logout ? html`<li><a href="${consoleHref('logout')}">Log out</a></li>` : ''}
            </ul>
          </nav>
          <span class="live" id="live-status" role="status"></span>
        </header>
        <main id="main">${body}</main>
      </body>
    </html>`.value
  }`;
}

export const time = (at: number): string =>
  new Date(at).toISOString().replace('T', ' ').replace('Z', ' UTC');

export const stateBadge = (state: string): SafeHtml => {
  const tone = /Declined|Canceled|Failed|NonChargeable|Suspended|failed/.test(state)
    ? 'bad'
    : /Captured|Completed|Chargeable|Open|Refunded|delivered|Closed/.test(state)
      ? 'good'
      : '';
  return html`<span class="state ${tone}">${state}</span>`;
};

export const table = (
  headings: readonly string[],
  rows: readonly Interpolation[],
  caption: string,
): SafeHtml =>
  rows.length === 0
    ? html`<p class="muted">Nothing yet.</p>`
    : html`<table>
        <caption class="muted">
          ${caption}
        </caption>
        <thead>
          <tr>
            ${headings.map((h) => html`<th scope="col">${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`;
