import { createHash } from 'node:crypto';
import { html, SafeHtml } from './html.js';
import type { Translator } from './i18n/catalogue.js';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from './i18n/languages.js';

/**
 * The one page frame (issue point 8): plain server-rendered HTML, one small inline stylesheet, no
 * script. Contrast: body text #111 on #fff (18.9:1), secondary text #333 (12.6:1), links #0b57d0
 * (6.1:1), button text #111 on #ffd814 (14.6:1); every focusable element gets a 3px outline.
 */
const STYLE = [
  'body{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f3f3f3;color:#111}',
  'main,footer,.sandbox{max-width:34rem;margin:1rem auto;padding:0 1rem}',
  'main{background:#fff;border:1px solid #999;border-radius:8px;padding:1.25rem 1.5rem}',
  'h1{font-size:1.4rem;margin-top:0}a{color:#0b57d0}',
  'fieldset{border:1px solid #767676;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}',
  'legend{font-weight:600;padding:0 .25rem}label{display:block;margin:.4rem 0}',
  'input[type=radio],input[type=checkbox]{width:1.1rem;height:1.1rem;margin-right:.4rem;vertical-align:-.15rem}',
  'input[type=text]{font:inherit;padding:.4rem;border:1px solid #555;border-radius:4px;width:10rem}',
  'button{font:inherit;padding:.55rem 1.2rem;border-radius:6px;border:1px solid #6b5500;background:#ffd814;color:#111;cursor:pointer}',
  'button.secondary{background:#fff;border-color:#555}',
  ':focus-visible{outline:3px solid #0b57d0;outline-offset:2px}',
  '.error{border-left:4px solid #b00020;background:#fdecee;padding:.5rem .75rem}',
  '.notice{border-left:4px solid #1e7e34;background:#eaf6ec;padding:.5rem .75rem}',
  '.note,.sandbox,footer{color:#333;font-size:.9rem}.actions{display:flex;gap:.75rem;flex-wrap:wrap}',
  'footer ul{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}',
].join('\n');

/** Built outside any template, so formatting never changes the bytes the policy's hash covers. */
const STYLE_ELEMENT = new SafeHtml(`<style>${STYLE}</style>`);

/**
 * Pages run no script at all, so an escaping mistake still could not run one: the policy allows
 * only this stylesheet (by hash). Forms post to localpay itself; redirects after a post go only
 * to URLs registered on the object, so form-action is left open for those 303s.
 */
export const PAGE_SECURITY_HEADERS = securityHeaders(STYLE);

/**
 * The headers of every page localpay renders: the one stylesheet allowed by its hash, and (for the
 * console's live updates) scripts and connections to localpay itself only.
 */
export function securityHeaders(style: string, consoleView = false) {
  // With no-referrer, Chromium sends `Origin: null` on the page's own form posts; the console's
  // forms need their real origin to pass its cross-site check (cross-site-guard.ts).
  const hash = createHash('sha256').update(style).digest('base64');
  const script = consoleView ? ` script-src 'self'; connect-src 'self';` : '';
  return {
    'content-security-policy': `default-src 'none'; style-src 'sha256-${hash}';${script} img-src 'self'; base-uri 'none'; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': consoleView ? 'same-origin' : 'no-referrer',
    'cache-control': 'no-store',
  } as const;
}

export interface PageFrame {
  readonly t: Translator;
  readonly title: string;
  readonly body: SafeHtml;
  /** Where each language's version of this page is; omitted on pages that cannot be reloaded. */
  readonly languageHref?: ((lang: Language) => string) | undefined;
}

function languageNav(t: Translator, href: (lang: Language) => string): SafeHtml {
  return html`<footer>
    <nav aria-label="${t.text('nav.language')}">
      <ul>
        ${LANGUAGES.map(
          (lang) =>
            html`<li>
              <a
                href="${href(lang)}"
                lang="${lang}"
                hreflang="${lang}"
                data-testid="lang-${lang}"
                ${lang === t.lang ? html`aria-current="true"` : ''}
                >${LANGUAGE_NAMES[lang]}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
  </footer>`;
}

/** A whole document: language attribute, title, the stylesheet, a main landmark, the language links. */
export function renderPage(frame: PageFrame): string {
  const { t } = frame;
  return `<!doctype html>\n${
    html`<html lang="${t.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${frame.title} – localpay</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <header class="sandbox"><p>${t.text('nav.sandbox')}</p></header>
        <main>${frame.body}</main>
        ${frame.languageHref ? languageNav(t, frame.languageHref) : ''}
      </body>
    </html>`.value
  }`;
}
