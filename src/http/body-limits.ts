import { DomainError } from '../domain/shared/errors.js';

/**
 * Shape limits every request body meets before anything else reads it (issue 10 point 7: a
 * Checkout Session whose deliverySpecifications nested 5,000 levels, 10 KB, overflowed the stack
 * when it was stored). Amazon documents no such limits (docs/decisions.md); these sit far above
 * anything the documented request shapes need: the deepest, deliverySpecifications'
 * addressRestrictions.restrictions.{country}.statesOrRegions, is 6 levels; the longest strings,
 * customInformation and supplementaryData, are 4,096 characters (24 KiB even if every character
 * arrives as a \uXXXX escape); the longest list, the countries of addressRestrictions, is 250.
 */
export interface BodyLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxStringBytes: number;
  readonly maxItems: number;
  readonly maxFormFields: number;
}

export const BODY_LIMITS: BodyLimits = {
  /** Bytes of a JSON body (v2 API, admin API, pages) or an MWS form body. */
  maxBytes: 256 * 1024,
  /** Nesting of JSON objects and arrays. */
  maxDepth: 32,
  /** Bytes of one JSON string (a key or a value), as sent, escapes included. */
  maxStringBytes: 32 * 1024,
  /** Members of one JSON object, or elements of one array. */
  maxItems: 1_000,
  /** Fields of a form body (`name=value` pairs), MWS or a buyer page's. */
  maxFormFields: 1_000,
};

/**
 * The caller sent a body of a shape localpay refuses: `InvalidRequestFormat` (v2 spec §5.1, 400;
 * the v1 table maps it to MWS `InvalidParameterValue`). `statusCode` lets Fastify's own error
 * handler (buyer pages) answer 400 too.
 */
export class RequestFormatError extends DomainError {
  readonly statusCode = 400;
  constructor(message: string) {
    super('InvalidRequestFormat', message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPENERS = new Set([0x7b, 0x5b]); // { [
const CLOSERS = new Set([0x7d, 0x5d]); // } ]
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Why a JSON text breaks the limits, or null. One pass over the bytes with no recursion and no
 * parsing, so a hostile body costs no more than reading it; well-formedness is left to the parser
 * that runs afterwards (an unbalanced bracket here just ends the scan).
 */
export function jsonShapeProblem(text: Buffer, limits: BodyLimits = BODY_LIMITS): string | null {
  if (text.length > limits.maxBytes)
    return `The request body is larger than ${limits.maxBytes} bytes.`;
  // Per open container: how many members it holds so far (0 while empty).
  const items: number[] = [];
  let stringStart = -1;
  for (let at = 0; at < text.length; at += 1) {
    const byte = text[at] as number;
    if (stringStart >= 0) {
      if (byte === BACKSLASH) at += 1;
      else if (byte === QUOTE) {
        if (at - stringStart > limits.maxStringBytes)
          return `A string in the request body is longer than ${limits.maxStringBytes} bytes.`;
        stringStart = -1;
      }
      continue;
    }
    if (byte === QUOTE) {
      stringStart = at + 1;
      noteMember(items);
    } else if (OPENERS.has(byte)) {
      noteMember(items);
      if (items.length >= limits.maxDepth)
        return `The request body nests objects or arrays deeper than ${limits.maxDepth} levels.`;
      items.push(0);
    } else if (CLOSERS.has(byte)) items.pop();
    else if (byte === COMMA) {
      const last = items.length - 1;
      if (last >= 0) items[last] = -(items[last] ?? 0);
    } else if (!WHITESPACE.has(byte)) noteMember(items);
    if ((items[items.length - 1] ?? 0) > limits.maxItems)
      return `An object or array in the request body has more than ${limits.maxItems} members.`;
  }
  if (stringStart >= 0 && text.length - stringStart > limits.maxStringBytes)
    return `A string in the request body is longer than ${limits.maxStringBytes} bytes.`;
  return null;
}

/**
 * The first token of a member (a string, a number, a literal, a nested container) counts it; a
 * comma marks the count negative until the next member starts, so a key and its value, or the
 * digits of one number, count once.
 */
function noteMember(items: number[]): void {
  const last = items.length - 1;
  if (last < 0) return;
  const count = items[last] ?? 0;
  if (count <= 0) items[last] = -count + 1;
}

/** Throws the InvalidRequestFormat error for a JSON body outside the limits. */
export function assertJsonShape(text: Buffer): void {
  const problem = jsonShapeProblem(text);
  if (problem !== null) throw new RequestFormatError(problem);
}

/** Throws for a form body with more fields than the limit (counted before it is split). */
export function assertFormShape(text: string): void {
  let fields = 1;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    fields += 1;
    if (fields > BODY_LIMITS.maxFormFields)
      throw new RequestFormatError(
        `The request body has more than ${BODY_LIMITS.maxFormFields} fields.`,
      );
  }
}

/**
 * Fastify's own refusals of a body (too large, a bad Content-Length) as the API's error, so each
 * API answers them in its wire format rather than Fastify's.
 */
export function asRequestFormatError(error: unknown): RequestFormatError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new RequestFormatError(`The request body is larger than ${BODY_LIMITS.maxBytes} bytes.`);
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return new RequestFormatError((error as Error).message);
  return null;
}
