import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorized } from '../admin/admin-plugin.js';
import type { Csrf } from '../pages/csrf.js';
import { html } from '../pages/html.js';
import { CONSOLE_PREFIX } from './console-layout.js';
import type { ConsolePage } from './console-page.js';

/**
 * Logging in to the console when LOCALPAY_ADMIN_TOKEN is set (issue 14 point 1): a browser cannot
 * send the admin API's `Authorization: Bearer`, so the console takes the token once in a form and
 * answers with a session cookie (HttpOnly, SameSite=Strict, Path=/console, Secure over TLS). The
 * cookie is signed with a key derived from the token rather than kept in memory, so every worker
 * of a cluster accepts it and a server restart keeps it; changing the token ends every session.
 * Logging out clears the cookie. The token never travels in a URL. Without a token the console
 * keeps serving loopback callers only, and there is nothing to log in to.
 */
const SESSION_COOKIE = 'lp_console';
const SESSION_MS = 12 * 60 * 60 * 1000;
const LOGIN_PATH = `${CONSOLE_PREFIX}/login`;
const LOGOUT_PATH = `${CONSOLE_PREFIX}/logout`;
/** Open without a session: the login form, and the live-update script the login page loads. */
const OPEN_PATHS: ReadonlySet<string> = new Set([LOGIN_PATH, `${CONSOLE_PREFIX}/live.js`]);

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
/** Compares digests, so neither the length nor the content of the token leaks through timing. */
const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(digest(given), digest(expected));

export interface ConsoleLogin {
  /** May this request reach a console view: loopback or bearer as the admin API, or a session? */
  gate(request: FastifyRequest): 'allowed' | 'login' | 'refused';
}

function sessionKey(token: string): Buffer {
  return createHmac('sha256', token).update('localpay console session').digest();
}

function signSession(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

function validSession(key: Buffer, cookie: string | undefined, now: number): boolean {
  const [expires, nonce, mac, ...rest] = (cookie ?? '').split('.');
  if (expires === undefined || nonce === undefined || mac === undefined || rest.length > 0)
    return false;
  const expected = Buffer.from(signSession(key, `${expires}.${nonce}`));
  const given = Buffer.from(mac);
  return (
    given.length === expected.length && timingSafeEqual(given, expected) && Number(expires) > now
  );
}

const requestPath = (request: FastifyRequest): string => request.url.split('?')[0] ?? '';

/** Where to go after logging in: a console path of this server, never another origin. */
function nextPath(raw: unknown): string {
  return typeof raw === 'string' &&
    /^\/console(\/[^\s\\]*)?$/.test(raw) &&
    !raw.startsWith(LOGIN_PATH) &&
    raw.length <= 1000
    ? raw
    : CONSOLE_PREFIX;
}

export function consoleLogin(adminToken: string | null): ConsoleLogin {
  const key = adminToken === null ? null : sessionKey(adminToken);
  return {
    gate(request) {
      if (authorized(request, adminToken)) return 'allowed';
      if (key === null) return 'refused';
      if (OPEN_PATHS.has(requestPath(request))) return 'allowed';
      if (validSession(key, request.cookies[SESSION_COOKIE], Date.now())) return 'allowed';
      return request.method === 'GET' ? 'login' : 'refused';
    },
  };
}

/** The redirect an unauthenticated page view gets: to the login form, remembering the page. */
export function redirectToLogin(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const back = nextPath(request.url === '/' ? CONSOLE_PREFIX : request.url);
  return reply
    .code(303)
    .header('location', `${LOGIN_PATH}?next=${encodeURIComponent(back)}`)
    .header('cache-control', 'no-store')
    .send();
}

type Form = Record<string, string | undefined>;

const loginForm = (token: string, next: string, error: string | null) =>
  html`<h1>Log in to the console</h1>
    ${error === null ? '' : html`<p class="state bad" role="alert" data-testid="login-error">${error}</p>`}
    <form method="post" action="${LOGIN_PATH}">
      <input type="hidden" name="csrf" value="${token}" />
      <input type="hidden" name="next" value="${next}" />
      <p>
        <label
          >Admin token (LOCALPAY_ADMIN_TOKEN)
          <input
            type="password"
            name="token"
            required
            autocomplete="current-password"
            data-testid="login-token"
        /></label>
      </p>
      <button type="submit" data-testid="login">Log in</button>
    </form>`;

export function loginRoutes(
  app: FastifyInstance,
  adminToken: string | null,
  csrf: Csrf,
  page: ConsolePage,
): void {
  const key = adminToken === null ? null : sessionKey(adminToken);

  app.get(LOGIN_PATH, async (request, reply) => {
    if (key === null)
      return page(
        reply,
        200,
        'Log in',
        html`<h1>No login needed</h1>
          <p>
            No admin token is set: the console serves loopback callers.
            <a href="${CONSOLE_PREFIX}">Merchants</a>
          </p>`,
      );
    const next = nextPath((request.query as Form).next);
    // Already logged in (a visit to `/`, whose path the cookie does not cover): straight on.
    if (validSession(key, request.cookies[SESSION_COOKIE], Date.now()))
      return reply.code(303).header('location', next).send();
    return page(
      reply,
      200,
      'Log in',
      loginForm(csrf.issue(request, reply, 'console-login'), next, null),
    );
  });

  app.post(LOGIN_PATH, async (request, reply) => {
    if (key === null || adminToken === null)
      return reply.code(303).header('location', CONSOLE_PREFIX).send();
    const form = (request.body ?? {}) as Form;
    csrf.verify(request, 'console-login', form.csrf);
    const next = nextPath(form.next);
    if (!sameSecret(form.token ?? '', adminToken))
      return page(
        reply,
        401,
        'Log in',
        loginForm(
          csrf.issue(request, reply, 'console-login'),
          next,
          'That is not the admin token.',
        ),
      );
    const payload = `${Date.now() + SESSION_MS}.${randomBytes(16).toString('base64url')}`;
    void reply.setCookie(SESSION_COOKIE, `${payload}.${signSession(key, payload)}`, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      path: CONSOLE_PREFIX,
      maxAge: SESSION_MS / 1000,
    });
    return reply.code(303).header('location', next).send();
  });

  // A GET shows the button; only the POST, with its CSRF token, ends the session.
  app.get(LOGOUT_PATH, async (request, reply) =>
    page(
      reply,
      200,
      'Log out',
      key === null
        ? html`<h1>No login needed</h1>
            <p>No admin token is set: the console serves loopback callers.</p>`
        : html`<h1>Log out</h1>
            <form method="post" action="${LOGOUT_PATH}">
              <input
                type="hidden"
                name="csrf"
                value="${csrf.issue(request, reply, 'console-logout')}"
              />
              <button type="submit" data-testid="logout">Log out of the console</button>
            </form>`,
    ),
  );

  app.post(LOGOUT_PATH, async (request, reply) => {
    csrf.verify(request, 'console-logout', ((request.body ?? {}) as Form).csrf);
    void reply.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      path: CONSOLE_PREFIX,
    });
    return reply.code(303).header('location', LOGIN_PATH).send();
  });
}
