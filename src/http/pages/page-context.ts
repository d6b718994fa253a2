import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatAmount, type Money } from '../../domain/shared/money.js';
import { translator, type Translator } from './i18n/catalogue.js';
import {
  DEFAULT_LANGUAGE,
  negotiateLanguage,
  parseLanguageTag,
  type Language,
} from './i18n/languages.js';
import { PAGE_SECURITY_HEADERS } from './layout.js';

const LANGUAGE_COOKIE = 'lp_lang';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Was this field sent at all (whatever its shape)? Only the object's own fields count. */
export const hasField = (body: unknown, name: string): body is Record<string, unknown> =>
  typeof body === 'object' && body !== null && Object.hasOwn(body, name);

/** A string field of a parsed form (or query), or undefined; a repeated field is not a string. */
export const formField = (body: unknown, name: string): string | undefined => {
  if (!hasField(body, name)) return undefined;
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The language of this page (issue point 6). An explicit choice wins and is remembered for the
 * rest of the buyer's visit: `lang=fr` (the language links) or Amazon's `checkoutLanguage=fr_FR`
 * (the button's parameter, passed on the hosted page's URL). Then the remembered choice, then the
 * browser's Accept-Language, then English.
 */
export function pageLanguage(request: FastifyRequest, reply: FastifyReply): Language {
  const explicit =
    parseLanguageTag(formField(request.query, 'lang')) ??
    parseLanguageTag(formField(request.query, 'checkoutLanguage'));
  const remembered = parseLanguageTag(request.cookies[LANGUAGE_COOKIE]);
  if (explicit !== null) {
    if (explicit !== remembered)
      void reply.setCookie(LANGUAGE_COOKIE, explicit, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: ONE_YEAR_SECONDS,
        secure: request.protocol === 'https',
      });
    return explicit;
  }
  return remembered ?? negotiateLanguage(request.headers['accept-language']) ?? DEFAULT_LANGUAGE;
}

export const pageTranslator = (request: FastifyRequest, reply: FastifyReply): Translator =>
  translator(pageLanguage(request, reply));

/**
 * One formatter per language and currency, made on first use: both sets are closed (LANGUAGES,
 * the supported currencies), and making an Intl.NumberFormat costs far more than using one.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount as the buyer's language writes it: `€49.00`, `49,00 €`. */
export function formatMoney(money: Money, lang: Language): string {
  const key = `${lang} ${money.currency}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(lang, { style: 'currency', currency: money.currency });
    moneyFormats.set(key, format);
  }
  return format.format(Number(formatAmount(money)));
}

/** A link to `path` with these query parameters (values encoded). */
export function pageHref(path: string, params: Readonly<Record<string, string | null>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null) query.set(name, value);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Sends a rendered page with the pages' security and caching headers. */
export function sendPage(reply: FastifyReply, status: number, document: string): FastifyReply {
  return reply
    .code(status)
    .headers(PAGE_SECURITY_HEADERS)
    .header('vary', 'Accept-Language, Cookie')
    .type('text/html; charset=utf-8')
    .send(document);
}
