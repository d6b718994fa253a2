/**
 * A copy of `text` that shares no memory with the string it was cut from, for a value that is kept
 * long after its request: a cache key, a metric label, a throttle bucket.
 *
 * V8 answers `slice`, `substring`, a regular expression's groups and URLSearchParams' values of 13
 * characters or more with a view into the original string, and that view keeps the whole original
 * alive: an MWS Action name read from a 256 KiB form body holds the 256 KiB for as long as the name
 * is kept. A Map or a Set keeps its keys as given (an object's property names are copied, a Map's
 * are not), and so does a template literal built from a view. Copying when a request's string is
 * kept, not when it is read, leaves the hot paths their cheap views.
 *
 * The JSON round trip is exact for every string, lone surrogates included (JSON.stringify escapes
 * them), and always builds a new string.
 */
export function unsharedCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
