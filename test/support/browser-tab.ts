/**
 * A cookie-keeping HTTP client that does not follow redirects, as one browser tab on localpay's
 * pages would be: GET a page, POST its form (URL-encoded), read status, Location and body.
 */
export interface TabResponse {
  readonly status: number;
  readonly location: string | null;
  readonly csp: string | null;
  readonly text: string;
}

export type BrowserTab = (path: string, form?: Record<string, string>) => Promise<TabResponse>;

export function browserTab(baseUrl: string): BrowserTab {
  const cookies = new Map<string, string>();
  return async (path, form) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      csp: response.headers.get('content-security-policy'),
      text: await response.text(),
    };
  };
}

/** The value of a hidden (or radio) input named `name` on a rendered page. */
export const inputValue = (page: string, name: string): string =>
  new RegExp(`name="${name}"\\s+value="([^"]*)"`)
    .exec(page)?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&') ?? '';
