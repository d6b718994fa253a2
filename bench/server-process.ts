import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { withMallocEnv, withStartFlags } from '../src/runtime/process-settings.js';
import type { ParentMessage, ServerMessage, ServerReady } from './server-protocol.js';

/**
 * Starts localpay-server.js as a child process and talks to it over IPC. With two or more CPUs
 * and `taskset` available, the server is pinned to CPU 0 and this process (the load generator) to
 * CPU 1, the set-up DESIGN.md §7's figures were measured on; otherwise both float.
 */

export interface ServerProcess {
  readonly ready: ServerReady;
  /** The server's process id (taskset execs node in place), e.g. for its /proc/<pid>/io. */
  readonly pid: number;
  /** Where the server and the load run, and which build of it runs, for the report. */
  readonly placement: string;
  /** CPU time the server has used so far, in microseconds, to tell which side is saturated. */
  cpuMicros(): Promise<number>;
  /** The server's resident set size now, in bytes. */
  rssBytes(): Promise<number>;
  /** Asks the server to report its peak RSS (kilobytes) and shut down. */
  stop(timeoutMs: number): Promise<number>;
  /** Ends the server however far it got; harmless once it has exited. */
  kill(): void;
}

/**
 * Which build of localpay-server.ts runs (BENCH_SERVER): `bundled` by default, one module as
 * `localpay start` runs the command (scripts/bundle-bench.mjs, which `npm run bench` and `npm run
 * fuzz` run); `modules`, the compiled files one by one, as a program that imports localpay's
 * library runs it (about 19 MiB more RSS: every module keeps its own source and record).
 */
const SERVER_FORMS = {
  bundled: {
    script: fileURLToPath(new URL('../src/bench-bin/localpay-server.mjs', import.meta.url)),
    description: 'server bundled (as `localpay start`)',
  },
  modules: {
    script: fileURLToPath(new URL('./localpay-server.js', import.meta.url)),
    description: 'server unbundled (BENCH_SERVER=modules)',
  },
} as const;

export type ServerForm = keyof typeof SERVER_FORMS;

export function serverForm(env: NodeJS.ProcessEnv = process.env): ServerForm {
  const given = env.BENCH_SERVER ?? 'bundled';
  if (given === 'bundled' || given === 'modules') return given;
  throw new Error(`BENCH_SERVER must be 'bundled' or 'modules', not '${given}'.`);
}

/** What the bundle is made from: a build writes them all again, so a newer one means a stale bundle. */
const BUNDLE_SOURCES = [
  SERVER_FORMS.modules.script,
  fileURLToPath(new URL('../src/main.js', import.meta.url)),
];

/** The first of `sources` written after `built` was, if any. */
export function newerSource(built: string, sources: readonly string[]): string | undefined {
  const builtAt = statSync(built).mtimeMs;
  return sources.find((source) => existsSync(source) && statSync(source).mtimeMs > builtAt);
}

/**
 * The script of `form`. A bundle that was never built, or was built before the last compile, is
 * refused with the command that builds it: it would measure code that is no longer the tree's.
 */
function serverScript(form: ServerForm): string {
  const { script } = SERVER_FORMS[form];
  if (form === 'modules') return script;
  const rebuild =
    '`npm run bench` builds it (node scripts/bundle-bench.mjs), or set BENCH_SERVER=modules.';
  if (!existsSync(script)) throw new Error(`${script} is missing: ${rebuild}`);
  const stale = newerSource(script, BUNDLE_SOURCES);
  if (stale !== undefined)
    throw new Error(`${script} is older than ${stale}, compiled since: ${rebuild}`);
  return script;
}

interface Placement {
  readonly serverPrefix: string[];
  readonly placement: string;
}

/**
 * Decided once per run: after the first pinning this process sees a single CPU, and asking again
 * would leave every later server unpinned, sharing the load generator's CPU.
 */
let decided: Placement | undefined;

/** Pins this process to CPU 1 and answers the command prefix that pins the server to CPU 0. */
function pinToSeparateCpus(): Placement {
  decided ??= pinOnce();
  return decided;
}

function pinOnce(): Placement {
  const unpinned = { serverPrefix: [], placement: 'unpinned (needs 2 CPUs and taskset)' };
  if (os.availableParallelism() < 2) return unpinned;
  // -a: every thread of this process, not only the main one.
  const pinned = spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], {
    stdio: 'ignore',
  });
  if (pinned.status !== 0) return unpinned;
  return {
    serverPrefix: ['taskset', '-c', '0'],
    placement: 'server on CPU 0, load generator on CPU 1',
  };
}

/** The next message of the given type; rejects if the server fails, exits or is too slow. */
function nextMessage<T extends ServerMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const cleanUp = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const fail = (error: Error): void => {
      cleanUp();
      reject(error);
    };
    const onMessage = (message: ServerMessage): void => {
      if (message.type === 'failed')
        fail(new Error(`localpay failed to start:\n${message.message}`));
      else if (message.type === type) {
        cleanUp();
        resolve(message as Extract<ServerMessage, { type: T }>);
      }
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`localpay exited (code ${code}) before sending '${type}'.`));
    const timer = setTimeout(
      () => fail(new Error(`localpay sent no '${type}' within ${timeoutMs} ms.`)),
      timeoutMs,
    );
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** `env` adds to this process's environment, e.g. DATABASE_URL for a PostgreSQL store. */
export async function startServerProcess(
  timeoutMs: number,
  env: Readonly<Record<string, string>> = {},
): Promise<ServerProcess> {
  const form = serverForm();
  const script = serverScript(form);
  const { serverPrefix, placement: cpus } = pinToSeparateCpus();
  const placement = `${cpus}, ${SERVER_FORMS[form].description}`;
  // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server alone
  // (Node refuses --cpu-prof in NODE_OPTIONS, which would also profile the load generator).
  // The process settings the `localpay` command starts with, but for any of these it sets itself.
  const nodeArgs = withStartFlags(
    (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );
  const [command = process.execPath, ...args] = [
    ...serverPrefix,
    process.execPath,
    ...nodeArgs,
    script,
  ];
  // taskset execs node in place, so the IPC channel (fd 3) and the pid carry over.
  const child = spawn(command, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: withMallocEnv({ ...process.env, ...env }),
  });
  // SIGTERM lets the server remove its temp folder; it bounds its own shutdown (localpay-server.ts).
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  // Whatever ends this process (a global timeout's process.exit included) ends the server too.
  process.once('exit', kill);
  try {
    const ready = await nextMessage(child, 'ready', timeoutMs);
    return {
      ready,
      pid: child.pid ?? 0,
      placement,
      async cpuMicros() {
        const answer = nextMessage(child, 'cpu', 5_000);
        child.send({ type: 'cpu' } satisfies ParentMessage);
        return (await answer).micros;
      },
      async rssBytes() {
        const answer = nextMessage(child, 'rss', 5_000);
        child.send({ type: 'rss' } satisfies ParentMessage);
        return (await answer).bytes;
      },
      async stop(stopTimeoutMs) {
        // Watched from now on so that an exit racing the 'stopped' message is not missed; a
        // timeout is no failure, as kill() then ends it.
        const exited = once(child, 'exit', { signal: AbortSignal.timeout(stopTimeoutMs) }).catch(
          () => undefined,
        );
        const stopped = nextMessage(child, 'stopped', stopTimeoutMs);
        child.send({ type: 'stop' } satisfies ParentMessage);
        const { maxRssKb } = await stopped;
        // Let it finish shutting down (its temp folder, a --cpu-prof file) before anyone kills it.
        await exited;
        return maxRssKb;
      },
      kill,
    };
  } catch (error) {
    kill();
    throw error;
  }
}
