import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config/config.js';
import { withMallocEnv, withStartFlags } from '../runtime/process-settings.js';
import { isWorkerListening, type StopWorker } from './messages.js';
import { prepareOnce } from './prepare-once.js';

/** A worker that does not exit this long after being told to stop is killed. */
const STOP_TIMEOUT_MS = 10_000;
/** A replacement that dies before it listens is forked again after this pause, not in a hot loop. */
const RESTART_PAUSE_MS = 1_000;

const say = (line: string): void => void process.stderr.write(`localpay: ${line}\n`);

/**
 * The primary of `localpay start --workers N` (PostgreSQL only): prepares once what the workers
 * share (prepare-once.ts), forks N workers that serve the same HTTP and HTTPS ports (node:cluster
 * hands connections out round-robin), prints the banner once all of them listen, replaces a
 * worker that dies, and on SIGTERM/SIGINT stops them all and exits. Workers exit by themselves
 * if the primary dies (node:cluster ends a worker whose IPC channel closes).
 */
export async function runPrimary(config: Config): Promise<void> {
  await prepareOnce(config);
  const live = new Set<Worker>();
  const listening = new Set<Worker>();
  let started = false;
  let stopping = false;
  let exitCode = 0;
  // Workers start with the command's process settings even when the primary was started without
  // them (`node localpay.mjs start`, say).
  cluster.setupPrimary({ execArgv: withStartFlags(process.execArgv) });
  const workerEnv = withMallocEnv(process.env);

  const fork = (): void => {
    const worker = cluster.fork(workerEnv);
    live.add(worker);
    worker.on('message', (message) => {
      if (!isWorkerListening(message)) return;
      listening.add(worker);
      if (started) {
        say(`worker ${worker.process.pid} replaced one that died`);
        return;
      }
      if (listening.size < config.workers) return;
      started = true;
      const pids = [...listening].map((each) => each.process.pid).join(', ');
      process.stdout.write(
        `${message.banner}  Workers                         ${config.workers} processes on PostgreSQL (pids ${pids}; primary ${process.pid})\n`,
      );
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      const wasListening = listening.delete(worker);
      if (stopping) {
        if (live.size === 0) process.exit(exitCode);
        return;
      }
      const how = signal ?? `code ${String(code)}`;
      if (!started) {
        // A worker that cannot start (a port in use, the database gone) will not start on a retry.
        say(`worker ${worker.process.pid} exited (${how}) before it listened; stopping.`);
        shutdown(1);
        return;
      }
      say(`worker ${worker.process.pid} exited (${how}); starting another.`);
      if (wasListening) fork();
      else setTimeout(fork, RESTART_PAUSE_MS);
    });
  };

  const shutdown = (code: number): void => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (live.size === 0) process.exit(exitCode);
    const stop: StopWorker = { type: 'localpay:stop' };
    for (const worker of live) if (worker.isConnected()) worker.send(stop);
    setTimeout(() => {
      say(`workers still running after ${STOP_TIMEOUT_MS / 1000} s; killing them.`);
      for (const worker of live) worker.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
  };

  process.once('SIGINT', () => shutdown(0));
  process.once('SIGTERM', () => shutdown(0));
  for (let index = 0; index < config.workers; index += 1) fork();
}
