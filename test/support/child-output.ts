import type { ChildProcess } from 'node:child_process';

/**
 * Collects a spawned command's output until `marker` appears (its start banner printed), then
 * reads `label   value` fields from it. Rejects if the command exits first or takes too long.
 */
export function waitForBanner(
  child: ChildProcess,
  marker: string,
  timeoutMs: number,
): Promise<(label: string) => string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`no banner in ${timeoutMs} ms: ${out}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes(marker)) return;
      clearTimeout(timer);
      resolve((label) => new RegExp(`${label}\\s+(\\S+)`).exec(out)?.[1] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)}: ${out}`)));
  });
}
