import type { V2Route } from './v2-route.js';

/**
 * What a request that matches no v2 operation gets, from Amazon's generic error table ("Manage
 * errors", amazon-pay-api-v2/error-handling.html): a path that names an operation with another
 * method is 405 `RequestNotSupported` ("HTTP method not supported"); any other path is
 * 404 `ResourceNotFound`. (The pairing of the two cases with the two rows is our choice.)
 */
export function unknownOperation(
  routes: readonly V2Route[],
  method: string,
  path: string,
): {
  readonly status: 404 | 405;
  readonly reasonCode: 'ResourceNotFound' | 'RequestNotSupported';
  readonly message: string;
} {
  const allowed = routes
    .filter((route) => pattern(route.url).test(path))
    .map((route) => route.method);
  if (allowed.length > 0)
    return {
      status: 405,
      reasonCode: 'RequestNotSupported',
      message: `${method} is not supported at ${path}; use ${[...new Set(allowed)].join(' or ')}.`,
    };
  return {
    status: 404,
    reasonCode: 'ResourceNotFound',
    message: `There is no operation at ${path}.`,
  };
}

const cache = new Map<string, RegExp>();
function pattern(url: string): RegExp {
  let found = cache.get(url);
  if (found === undefined) {
    const source = url
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    found = new RegExp(`/v2${source}/?$`);
    cache.set(url, found);
  }
  return found;
}
