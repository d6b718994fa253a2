import type { TestPlatform } from '../../src/testing/test-platform.js';

/** Calls localpay's admin API over HTTP (the operator's side of partner roles and delegations). */
export async function admin<T = Record<string, unknown>>(
  platform: TestPlatform,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${platform.httpUrl}/_localpay${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export interface Grant {
  readonly mwsAuthToken: string;
  readonly merchantId: string;
  readonly providerId: string;
  readonly revokedAt: number | null;
}

/** The merchant authorizes the provider; answers the delegation with its MWSAuthToken. */
export const grant = (
  platform: TestPlatform,
  merchantId: string,
  providerId: string,
): Promise<Grant> =>
  admin<Grant>(platform, 'POST', `/merchants/${merchantId}/delegations`, { providerId });

export const setRoles = (
  platform: TestPlatform,
  merchantId: string,
  roles: readonly ('PaymentServiceProvider' | 'SolutionProvider')[],
): Promise<unknown> => admin(platform, 'PUT', `/merchants/${merchantId}/partner-roles`, { roles });

export const delegationsOf = async (platform: TestPlatform, merchantId: string): Promise<Grant[]> =>
  (await admin<{ delegations: Grant[] }>(platform, 'GET', `/merchants/${merchantId}/partner`))
    .delegations;
