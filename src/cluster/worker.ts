import type { Config } from '../config/config.js';
import { startBanner } from '../cli/banner.js';
import { startLocalpay } from '../main.js';
import { closeThenExit } from '../runtime/shutdown.js';
import { systemClock } from '../runtime/system-clock.js';
import { isStopWorker, WORKER_HEADER, type WorkerListening } from './messages.js';

/**
 * One worker of `localpay start --workers N`: the same server a single process runs (its HTTP and
 * HTTPS listeners share the primary's ports through node:cluster, its IPN dispatcher and timer
 * sweep claim work through the database like separate processes do). It tells the primary when it
 * listens and stops when told to, or on SIGTERM/SIGINT (a terminal's Ctrl-C reaches every
 * process of the group).
 */
export async function runWorker(config: Config): Promise<void> {
  const pid = String(process.pid);
  const running = await startLocalpay(config, systemClock, {
    beforeListen: (app) =>
      app.addHook('onRequest', (_request, reply, done) => {
        reply.header(WORKER_HEADER, pid);
        done();
      }),
  });
  const stop = closeThenExit(() => running.close(), `localpay worker ${pid}`);
  process.on('message', (message) => {
    if (isStopWorker(message)) stop();
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const listening: WorkerListening = {
    type: 'localpay:listening',
    banner: startBanner(running, { amazonHosts: config.amazonHosts }),
  };
  process.send?.(listening);
}
