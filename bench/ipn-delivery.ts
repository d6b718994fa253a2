import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { IpnParentMessage, IpnServerMessage } from './ipn-protocol.js';

/**
 * IPN delivery (issue "IPN delivery"): how many notifications per second localpay delivers to a
 * receiver on loopback, and the delay from a notification's commit to its first attempt arriving.
 * The server runs in its own process (pinned to CPU 0 when taskset exists); this process is the
 * merchant's receiver, answering 200 at once.
 */
const SERVER_SCRIPT = fileURLToPath(new URL('./ipn-server.js', import.meta.url));
const BURST = { count: 20_000, perCommit: 50 };
const PACED = { count: 500, intervalMs: 5 };

const wallClock = (): number => performance.timeOrigin + performance.now();

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Receiver {
  readonly url: string;
  /** MessageId → wall-clock ms its first POST arrived. */
  readonly firstArrival: Map<string, number>;
  posts: number;
  waitFor(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const firstArrival = new Map<string, number>();
  let waiter: (() => void) | null = null;
  let target = Infinity;
  const receiver = {
    url: '',
    firstArrival,
    posts: 0,
    waitFor(count: number, timeoutMs: number): Promise<void> {
      if (firstArrival.size >= count) return Promise.resolve();
      target = count;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${firstArrival.size} of ${count} notifications arrived`)),
          timeoutMs,
        );
        waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((request, response) => {
    const arrived = wallClock();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.posts += 1;
      const { MessageId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        MessageId: string;
      };
      if (!firstArrival.has(MessageId)) firstArrival.set(MessageId, arrived);
      response.writeHead(200).end();
      if (firstArrival.size >= target && waiter) {
        const done = waiter;
        waiter = null;
        done();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ipn`;
  return receiver;
}

function pin(): { prefix: string[]; placement: string } {
  if (os.availableParallelism() < 2) return { prefix: [], placement: 'unpinned' };
  const pinned = spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], {
    stdio: 'ignore',
  });
  return pinned.status === 0
    ? { prefix: ['taskset', '-c', '0'], placement: 'server on CPU 0, receiver on CPU 1' }
    : { prefix: [], placement: 'unpinned' };
}

function next<T extends IpnServerMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<IpnServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no '${type}' within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: IpnServerMessage): void => {
      if (message.type === 'failed') done(new Error(message.message));
      else if (message.type === type) done(null, message as Extract<IpnServerMessage, { type: T }>);
    };
    const onExit = (code: number | null): void => done(new Error(`server exited (${code})`));
    const done = (error: Error | null, value?: Extract<IpnServerMessage, { type: T }>): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value!);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function runIpnDeliveryBenchmark(): Promise<void> {
  const receiver = await startReceiver();
  const { prefix, placement } = pin();
  const [command = process.execPath, ...args] = [...prefix, process.execPath, SERVER_SCRIPT];
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const kill = (): void => void child.kill('SIGTERM');
  process.once('exit', kill);
  const ask = (message: IpnParentMessage): void => void child.send(message);
  try {
    const { store, concurrency } = await next(child, 'ready', 60_000);
    ask({ type: 'endpoint', url: receiver.url });
    await next(child, 'endpoint-set', 10_000);

    // Delay from commit to first attempt, at a modest rate (one commit every few ms).
    ask({ type: 'paced', ...PACED });
    const { commits } = await next(child, 'paced-committed', 60_000);
    await receiver.waitFor(PACED.count, 30_000);
    const delays = commits
      .map(([id, committedAt]) => (receiver.firstArrival.get(id) ?? NaN) - committedAt)
      .sort((a, b) => a - b);

    // Throughput: a burst committed as fast as the store takes it, delivered as fast as it goes.
    const before = receiver.firstArrival.size;
    const started = wallClock();
    ask({ type: 'burst', ...BURST });
    await next(child, 'burst-committed', 120_000);
    const committed = wallClock();
    await receiver.waitFor(before + BURST.count, 120_000);
    const finished = wallClock();
    const perSecond = (BURST.count / (finished - started)) * 1000;

    console.log(`\nIPN delivery (${store}; ${placement}; concurrency ${concurrency})`);
    console.log(
      `  commit → first attempt arrives  median ${percentile(delays, 50).toFixed(2)} ms, ` +
        `p99 ${percentile(delays, 99).toFixed(2)} ms, max ${percentile(delays, 100).toFixed(2)} ms ` +
        `(${PACED.count} single-notification commits, one per ${PACED.intervalMs} ms)`,
    );
    console.log(
      `  delivered                        ${perSecond.toFixed(0)} notifications/s ` +
        `(${BURST.count} committed ${BURST.perCommit} per transaction in ${((committed - started) / 1000).toFixed(2)} s, ` +
        `all delivered after ${((finished - started) / 1000).toFixed(2)} s; ${receiver.posts - receiver.firstArrival.size} duplicate POSTs)`,
    );
    ask({ type: 'stop' });
    await new Promise((resolve) => child.once('exit', resolve));
  } finally {
    kill();
    await receiver.close();
  }
}
