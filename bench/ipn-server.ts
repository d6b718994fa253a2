import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setIpnEndpoint } from '../src/app/ipn-administration.js';
import type { OutboxMessage } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import { startLocalpay } from '../src/main.js';
import type { IpnParentMessage, IpnServerMessage } from './ipn-protocol.js';

/**
 * The localpay under test for bench/ipn-delivery.ts, in its own process: started as `localpay
 * start` starts it, it commits notifications through the app layer's store (each commit wakes the
 * dispatcher, as an API call's would) when the benchmark asks, and reports when each committed.
 */
if (!process.send) {
  console.error('Run through `npm run bench`: this server reports to its parent over IPC.');
  process.exit(2);
}

const send = (message: IpnServerMessage): Promise<void> =>
  new Promise((resolve, reject) =>
    process.send!(message, undefined, undefined, (error: Error | null) =>
      error ? reject(error) : resolve(),
    ),
  );

/** Wall-clock ms with sub-millisecond precision, comparable across processes on one machine. */
const wallClock = (): number => performance.timeOrigin + performance.now();

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'localpay-bench-ipn-'));
const config = loadConfig(process.env, {
  dataDir,
  host: '127.0.0.1',
  httpPort: 0,
  httpsPort: 0,
  publicBaseUrl: null,
});
const running = await startLocalpay(config);
const { deps } = running;
const merchantId = running.defaultMerchant.merchantId;

const notification = (): OutboxMessage => ({
  id: randomUUID(),
  merchantId,
  environment: 'Sandbox',
  objectType: 'CHARGE',
  objectId: `S01-0000000-0000000-C${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
  chargePermissionId: 'S01-0000000-0000000',
  notificationType: 'STATE_CHANGE',
  createdAt: deps.clock.now(),
});

async function commit(count: number): Promise<string[]> {
  const messages = Array.from({ length: count }, notification);
  await deps.store.transaction(async (tx) => {
    for (const message of messages) await tx.outbox.add(message);
  });
  return messages.map((message) => message.id);
}

async function shutdown(code: number): Promise<never> {
  setTimeout(() => process.exit(1), 5_000).unref();
  await running.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
  process.exit(code);
}

process.on('message', (message: IpnParentMessage) => {
  void (async () => {
    switch (message.type) {
      case 'endpoint':
        await setIpnEndpoint(deps, merchantId, 'Sandbox', message.url);
        return send({ type: 'endpoint-set' });
      case 'burst': {
        // As fast as the store takes them, `perCommit` notifications per transaction.
        for (let sent = 0; sent < message.count; sent += message.perCommit)
          await commit(Math.min(message.perCommit, message.count - sent));
        return send({ type: 'burst-committed' });
      }
      case 'paced': {
        const commits: [string, number][] = [];
        for (let index = 0; index < message.count; index += 1) {
          const [id] = await commit(1);
          commits.push([id!, wallClock()]);
          await new Promise((resolve) => setTimeout(resolve, message.intervalMs));
        }
        return send({ type: 'paced-committed', commits });
      }
      case 'stop':
        return shutdown(0);
    }
  })().catch(async (error: unknown) => {
    await send({ type: 'failed', message: String((error as Error).stack ?? error) }).catch(
      () => undefined,
    );
    await shutdown(1);
  });
});
process.on('disconnect', () => void shutdown(0));
await send({
  type: 'ready',
  store:
    config.databaseUrl !== null ? 'postgres' : `sqlite, synchronous=${config.sqliteSynchronous}`,
  concurrency: config.ipn.concurrency,
});
