/**
 * Server-rendered HTML with escaping by default: every interpolated value is escaped unless it is
 * already a SafeHtml fragment built by this same tag. Buyer names, merchant notes and URLs are
 * merchant- or buyer-controlled, so nothing reaches the page unescaped by accident.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

type Interpolation =
  SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f3f3f3;color:#111}
main{max-width:34rem;margin:2rem auto;background:#fff;border:1px solid #ccc;border-radius:8px;padding:1.5rem 2rem}
h1{font-size:1.4rem;margin-top:0}fieldset{border:1px solid #bbb;border-radius:6px;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:600}label{display:block;margin:.35rem 0}
button{font:inherit;padding:.55rem 1.2rem;border-radius:6px;border:1px solid #8a6d00;background:#ffd814;color:#111;cursor:pointer}
button.secondary{background:#fff;border-color:#555}button:focus,input:focus,a:focus{outline:3px solid #0a58ca;outline-offset:2px}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.5rem .75rem}.note{color:#333;font-size:.9rem}
.actions{display:flex;gap:.75rem;flex-wrap:wrap}`;

/** The one page frame: a small inline stylesheet, a language attribute, a main landmark. */
export const page = (title: string, body: SafeHtml, lang = 'en'): string =>
  `<!doctype html>${
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title} – localpay</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`.value
  }`;
