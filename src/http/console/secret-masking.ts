/**
 * Secrets never reach the request log (issue 14 point 4): MWS signatures and secret-looking form
 * fields, and JSON members whose names say token, secret, signature or password.
 */
const SECRET_NAME = /token|secret|signature|password/i;
const MASK = '••••••';

export function maskBody(body: string | null): string | null {
  if (body === null || body === '') return body;
  // Most bodies name no secret at all: nothing to parse, and the text is kept as sent (the console
  // indents JSON when it shows it, request-views.ts).
  if (!SECRET_NAME.test(body)) return body;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(
        JSON.parse(body),
        (key, value: unknown) =>
          key !== '' && SECRET_NAME.test(key) && typeof value === 'string' ? MASK : value,
        2,
      );
    } catch {
      return body;
    }
  }
  if (trimmed.startsWith('<'))
    return body.replace(/(<(\w*(?:Token|Secret|Signature)\w*)>)[^<]*(<\/\2>)/g, `$1${MASK}$3`);
  if (/^[\w.%-]+=/.test(trimmed)) {
    const params = new URLSearchParams(body);
    for (const name of [...params.keys()]) if (SECRET_NAME.test(name)) params.set(name, MASK);
    return params.toString().replace(/%E2%80%A2/g, '•');
  }
  return body;
}
