import { readFileSync } from 'node:fs';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { Agent, fetch } from 'undici';

/** One attempt's answer, exactly as it came over the wire. */
export interface WireAnswer {
  readonly status: number;
  readonly body: string;
}

export interface ReplayedCall {
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  /** As the SDK names it, without the version: `charges`, `charges/ID/capture`. */
  readonly urlFragment: string;
  readonly payload: unknown;
  readonly headers: Record<string, string>;
}

/**
 * Retries the way the PHP and Java SDKs do after a 5xx (spec §3.3): the request is signed once by
 * the official Node SDK (`getSignedHeaders`), then the very same headers (date, signature,
 * idempotency key) and body bytes are sent `attempts` times, one after the other.
 */
export function signedReplayer(config: Record<string, unknown>, caCertPath: string) {
  const client = new sdk.AmazonPayClient(config);
  const dispatcher = new Agent({ connect: { ca: readFileSync(caCertPath) } });
  const envSpecific = /^(live|sandbox)/i.test(String(config.publicKeyId));
  const prefix = envSpecific ? 'v2' : config.sandbox === true ? 'sandbox/v2' : 'live/v2';
  return async (call: ReplayedCall, attempts: number): Promise<WireAnswer[]> => {
    const body = JSON.stringify(call.payload);
    const headers = client.getSignedHeaders({
      method: call.method,
      urlFragment: call.urlFragment,
      payload: body,
      headers: call.headers,
    });
    const url = `https://${String(config.overrideServiceUrl)}/${prefix}/${call.urlFragment}`;
    const answers: WireAnswer[] = [];
    for (let attempt = 0; attempt < attempts; attempt++) {
      const response = await fetch(url, { method: call.method, headers, body, dispatcher });
      answers.push({ status: response.status, body: await response.text() });
    }
    return answers;
  };
}
