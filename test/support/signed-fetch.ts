import { readFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';

/**
 * Sends a request signed by the official SDK (`getSignedHeaders`) over HTTPS that verifies
 * localpay's CA, with hooks to tamper with the signed headers or body for negative tests.
 */
export interface SignedCall {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** As the SDK names it, without the version: `checkoutSessions/ID`. */
  readonly urlFragment: string;
  readonly payload?: unknown;
  readonly headers?: Record<string, string>;
  /** Changes the headers after signing. */
  readonly tamperHeaders?: (headers: Record<string, string>) => Record<string, string>;
  /** Sends this body instead of the signed one. */
  readonly sendBody?: string;
  /** Signs and sends this exact body text instead of JSON.stringify(payload). */
  readonly rawPayload?: string;
  /** Sends to this path prefix (e.g. `live/v2`) instead of the one the SDK signed. */
  readonly sendPrefix?: string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/**
 * `sendTo` is where the request really goes (host:port); by default the SDK's overrideServiceUrl,
 * which is also what it signs as x-amz-pay-host.
 */
export function signedFetcher(
  config: Record<string, unknown>,
  caCertPath: string,
  sendTo?: string,
) {
  const client = new sdk.AmazonPayClient(config);
  // A bounded pool, as a real merchant backend has: a burst of requests queues on 128 connections
  // instead of racing 1,000 TLS handshakes into the listen backlog.
  const dispatcher = new Agent({ connect: { ca: readFileSync(caCertPath) }, connections: 128 });
  const httpsHost = sendTo ?? String(config.overrideServiceUrl);
  const envSpecific = /^(live|sandbox)/i.test(String(config.publicKeyId));
  const prefix = envSpecific ? 'v2' : config.sandbox === true ? 'sandbox/v2' : 'live/v2';
  return async (call: SignedCall): Promise<RawResponse> => {
    const payload =
      call.rawPayload ?? (call.payload === undefined ? undefined : JSON.stringify(call.payload));
    const signed = client.getSignedHeaders({
      method: call.method,
      urlFragment: call.urlFragment,
      payload: payload ?? '',
      headers: call.headers ?? null,
    });
    const headers = call.tamperHeaders ? call.tamperHeaders({ ...signed }) : signed;
    const body = call.sendBody ?? payload;
    const response = await fetch(
      `https://${httpsHost}/${call.sendPrefix ?? prefix}/${call.urlFragment}`,
      {
        method: call.method,
        headers,
        ...(body === undefined || call.method === 'GET' ? {} : { body }),
        dispatcher,
      },
    );
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers as unknown as Headers,
      body: JSON.parse(text) as Record<string, unknown>,
    };
  };
}
