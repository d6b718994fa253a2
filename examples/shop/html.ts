import type { FastifyRequest } from 'fastify';
import {
  fromAcceptLanguage,
  LANGUAGE_NAMES,
  LANGUAGES,
  t,
  type Language,
  type MessageKey,
} from './i18n.js';
import { takeFlash } from './session.js';

/**
 * Server-rendered HTML with escaping by default: every value interpolated into `html`…`` is
 * escaped unless it is itself `Html` (a nested template or `raw`).
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (value: string): Html => new Html(value);

const escape = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** What a template may interpolate: text and numbers (escaped), markup, lists of them. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escape(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

/**
 * A piece of script to place inside a <script> element: only `Html` may be interpolated (values
 * go through scriptValue), so nothing is HTML-escaped by mistake. (Prettier formats `html`
 * templates as HTML, so script fragments outside a <script> element use this tag instead.)
 */
export function js(strings: TemplateStringsArray, ...values: Html[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += value.value + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

/** A value for an inline <script>: JSON that cannot close the script element. */
export const scriptValue = (value: unknown): Html =>
  raw(JSON.stringify(value).replace(/</g, '\\u003c'));

/** The buyer's language: the switcher's choice, else the browser's, else English. */
export function languageOf(request: FastifyRequest): Language {
  return request.session.language ?? fromAcceptLanguage(request.headers['accept-language']) ?? 'en';
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafaf7;line-height:1.45}
header,main,footer{max-width:760px;margin:0 auto;padding:12px 20px}
header{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;border-bottom:1px solid #ddd}
header strong{font-size:1.2em;margin-right:auto}
header .langs{flex-basis:100%;text-align:right}
a{color:#0b5394}
nav a{margin-right:12px}
.langs a{margin-left:6px;font-size:.9em}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:14px 18px;margin:14px 0}
.alert{border-radius:6px;padding:10px 14px;margin:14px 0}
.alert.error{background:#fdecea;border:1px solid #b3261e;color:#7a1a14}
.alert.info{background:#e8f3ea;border:1px solid #2e7d32;color:#1b4d1f}
button,.button{background:#ffd814;border:1px solid #c8a600;border-radius:20px;padding:8px 18px;
  font-size:1em;color:#111;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;border-color:#888}
button:focus-visible,a:focus-visible{outline:3px solid #0b5394;outline-offset:2px}
.status{font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-top:12px}
.actions form{display:flex;gap:8px;align-items:center;margin:0}
table{border-collapse:collapse}td,th{padding:4px 10px 4px 0;text-align:left}
details{margin-top:14px;font-size:.9em;color:#444}
footer{font-size:.85em;color:#555}
`;

export interface PageOptions {
  readonly title: MessageKey;
  readonly body: Html;
  /** Extra <head> content (Widgets.js, a refresh). */
  readonly head?: Html;
}

/** The shop's page frame: navigation, language links, the pending flash message, the body. */
export function page(request: FastifyRequest, options: PageOptions): string {
  const lang = languageOf(request);
  const flash = takeFlash(request.session);
  const path = request.url.split('?')[0] ?? '/';
  const document = html`<html lang="${lang}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      <title>${t(lang, options.title)} · ${t(lang, 'shop.name')}</title>
      <style>
        ${raw(STYLE)}
      </style>
      ${options.head ?? ''}
    </head>
    <body>
      <header>
        <strong>${t(lang, 'shop.name')}</strong>
        <nav>
          <a href="/">${t(lang, 'nav.shop')}</a>
          <a href="/subscriptions">${t(lang, 'nav.subscriptions')}</a>
          <a href="/account" data-testid="nav-account">${t(lang, 'nav.account')}</a>
        </nav>
        <span class="langs"
          >${LANGUAGES.map(
            (code) =>
              html`<a href="${path}?lang=${code}" lang="${code}" data-testid="lang-${code}"
                >${LANGUAGE_NAMES[code]}</a
              >`,
          )}</span
        >
      </header>
      <main>
        <h1>${t(lang, options.title)}</h1>
        ${
          flash
            ? html`<div
                class="alert ${flash.kind}"
                role="${flash.kind === 'error' ? 'alert' : 'status'}"
                data-testid="flash"
              >
                ${t(lang, flash.key, flash.values)}
              </div>`
            : ''
        }
        ${options.body}
      </main>
      <footer>${t(lang, 'footer.note')}</footer>
    </body>
  </html>`;
  return `<!doctype html>${document.value}`;
}
