/**
 * A browser without JavaScript for the console's forms: keeps its cookies, reads a form's CSRF
 * token from the page, posts url-encoded bodies, and does not follow redirects (tests read them).
 */
export interface ConsoleAnswer {
  readonly status: number;
  readonly location: string | null;
  readonly text: string;
}

export function consoleBrowser(baseUrl: () => string) {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, at);
      const value = (pair ?? '').slice(at + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  async function send(path: string, init: RequestInit = {}): Promise<ConsoleAnswer> {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set('cookie', cookieHeader());
    const response = await fetch(`${baseUrl()}${path}`, { ...init, headers, redirect: 'manual' });
    remember(response);
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    };
  }
  return {
    cookies,
    get: (path: string) => send(path),
    /** Posts the form fields (repeat a name with an array), with the page's CSRF token unless given. */
    post(path: string, fields: Record<string, string | readonly string[]>, csrf: string | null) {
      const body = new URLSearchParams();
      if (csrf !== null) body.append('csrf', csrf);
      for (const [name, value] of Object.entries(fields))
        for (const one of typeof value === 'string' ? [value] : value) body.append(name, one);
      return send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl() },
        body: body.toString(),
      });
    },
  };
}

/** The CSRF token of the first form on a page. */
export function csrfOf(page: string): string {
  const token = /name="csrf"\s+value="([^"]+)"/.exec(page)?.[1];
  if (token === undefined) throw new Error('No CSRF token on the page.');
  return token;
}
