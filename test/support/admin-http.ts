/** A JSON call to localpay's admin API on loopback, as the admin tests make it. */
export function adminHttp(httpUrl: () => string) {
  return async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${httpUrl()}/_localpay${route}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
}
