/**
 * A merchant IPN endpoint for tests: a real HTTP server on loopback that records every POST and
 * answers as told (200 by default), so a test sees exactly what a merchant's handler would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedIpn {
  /** Wall-clock ms when the request body had arrived. */
  readonly receivedAt: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** The parsed envelope, or null if the body was not JSON. */
  readonly envelope: Readonly<Record<string, unknown>> | null;
  readonly messageId: string | null;
}

/** What to answer: a status, or a status with a body and a delay before answering. */
export type IpnResponse = number | { status: number; body?: string; delayMs?: number };
export type IpnResponder = (
  request: ReceivedIpn,
  index: number,
) => IpnResponse | Promise<IpnResponse>;

export interface IpnReceiver {
  readonly url: string;
  /** Everything received so far, in arrival order. */
  readonly received: readonly ReceivedIpn[];
  respondWith(responder: IpnResponder): void;
  /** Resolves with everything received once `until` holds; rejects after `timeoutMs`. */
  waitFor(
    until: number | ((received: readonly ReceivedIpn[]) => boolean),
    timeoutMs?: number,
  ): Promise<readonly ReceivedIpn[]>;
  close(): Promise<void>;
}

export async function startIpnReceiver(
  options: { path?: string; respond?: IpnResponder } = {},
): Promise<IpnReceiver> {
  const received: ReceivedIpn[] = [];
  let responder: IpnResponder = options.respond ?? (() => 200);
  const watchers = new Set<() => void>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let envelope: Record<string, unknown> | null = null;
      try {
        envelope = JSON.parse(body) as Record<string, unknown>;
      } catch {
        envelope = null;
      }
      const ipn: ReceivedIpn = {
        receivedAt: Date.now(),
        headers: request.headers,
        body,
        envelope,
        messageId: typeof envelope?.MessageId === 'string' ? envelope.MessageId : null,
      };
      const index = received.push(ipn) - 1;
      for (const watch of watchers) watch();
      void Promise.resolve(responder(ipn, index)).then(
        async (answer) => {
          const {
            status,
            body: text = '',
            delayMs = 0,
          } = typeof answer === 'number' ? { status: answer } : answer;
          if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
          response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
        },
        () => response.writeHead(500).end('receiver failed'),
      );
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.path ?? '/ipn'}`,
    received,
    respondWith(next) {
      responder = next;
    },
    waitFor(until, timeoutMs = 10_000) {
      const done = (): boolean =>
        typeof until === 'number' ? received.length >= until : until(received);
      if (done()) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(
            new Error(
              `IPN receiver: condition not met within ${timeoutMs} ms (${received.length} received).`,
            ),
          );
        }, timeoutMs);
        const check = (): void => {
          if (!done()) return;
          clearTimeout(timer);
          watchers.delete(check);
          resolve(received);
        };
        watchers.add(check);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
