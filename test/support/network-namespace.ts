import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A Linux network namespace of the test's own, with its own /etc/hosts: `ip netns exec` bind-mounts
 * /etc/netns/<name>/hosts over /etc/hosts for the processes it starts, and the namespace has
 * nothing but its loopback, so a name not in that file resolves nowhere. The machine's own
 * /etc/hosts and network are never touched.
 */
export interface NetworkNamespace {
  readonly name: string;
  /** Starts `command` inside the namespace (its /etc/hosts replaced by `hosts`). */
  spawn(
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string>>,
  ): ChildProcess;
  /** Runs `command` inside the namespace to its end; answers its exit code and output. */
  run(
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string>>,
    timeoutMs?: number,
  ): Promise<{ code: number | null; stdout: string; stderr: string }>;
  close(): void;
}

/** In CI (CI=true, or LOCALPAY_REQUIRE_NETNS=1 as .ci/run sets) a namespace that cannot be made fails. */
export const NETNS_REQUIRED =
  process.env.CI === 'true' || process.env.LOCALPAY_REQUIRE_NETNS === '1';

/** Creates the namespace (loopback up, hosts file written), or answers why it cannot. */
export function createNetworkNamespace(
  hosts: string,
): NetworkNamespace | { readonly unavailable: string } {
  const name = `localpay-${randomBytes(4).toString('hex')}`;
  const added = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
  if (added.error !== undefined || added.status !== 0)
    return {
      unavailable:
        added.error !== undefined
          ? `\`ip\` could not run (${added.error.message}): install iproute2`
          : `\`ip netns add\` failed (${added.stderr.trim()}): network namespaces need root or CAP_SYS_ADMIN`,
    };
  const hostsDir = path.join('/etc/netns', name);
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    spawnSync('ip', ['netns', 'delete', name]);
    rmSync(hostsDir, { recursive: true, force: true });
  };
  try {
    const up = spawnSync('ip', ['-n', name, 'link', 'set', 'lo', 'up'], { encoding: 'utf8' });
    if (up.status !== 0) throw new Error(`ip link set lo up failed: ${up.stderr}`);
    mkdirSync(hostsDir, { recursive: true });
    writeFileSync(path.join(hostsDir, 'hosts'), hosts);
  } catch (error) {
    close();
    throw error;
  }
  const start = (
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string>>,
  ): ChildProcess =>
    spawn('ip', ['netns', 'exec', name, command, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  return {
    name,
    spawn: start,
    run(command, args, env, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const child = start(command, args, env);
        let stdout = '';
        let stderr = '';
        child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(
            new Error(
              `${command} ${args.join(' ')} took over ${timeoutMs} ms:\n${stdout}\n${stderr}`,
            ),
          );
        }, timeoutMs);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      });
    },
    close,
  };
}
