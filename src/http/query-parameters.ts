import { invalidParameter } from '../domain/shared/errors.js';

/**
 * A request's query string as one text per parameter. A repeated parameter (`?reportTypes=a&
 * reportTypes=b`) reaches handlers as an array, which they do not expect: it is refused here, at
 * the edge, with the API's own error (issue 10: look-ups keyed by request data never crash). The
 * official SDKs join list values with commas and never repeat a name.
 */
export function singleValuedQuery(query: unknown): Record<string, string> {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  if (typeof query !== 'object' || query === null) return values;
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string')
      throw invalidParameter(name, 'give it once in the query string, as text.');
    values[name] = value;
  }
  return values;
}
