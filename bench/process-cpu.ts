import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/**
 * CPU time of a process and its descendants, read from /proc (Linux): how bench/workers.ts adds up
 * what the primary, every worker and the PostgreSQL backends spent. utime and stime are in clock
 * ticks (usually 100 a second, so 10 ms resolution: fine over a run of several seconds).
 */

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime, and cutime + cstime (children already waited for), in ticks. */
  readonly own: number;
  readonly reaped: number;
}

/** A /proc stat file (a process's or a thread's): its name, and field `n` (1-based, as in proc(5)). */
function readStatFile(file: string): {
  readonly name: string;
  readonly field: (n: number) => number;
} {
  const text = readFileSync(file, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: fields after its closing ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    name: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
    field: (n) => Number(fields[n - 3]),
  };
}

function readStat(pid: string): ProcStat | null {
  try {
    const { field } = readStatFile(`/proc/${pid}/stat`);
    return {
      pid: Number(pid),
      ppid: field(4),
      own: field(14) + field(15),
      reaped: field(16) + field(17),
    };
  } catch {
    return null; // gone since the directory was listed
  }
}

/**
 * Microseconds of CPU the tree under `root` has used: every live descendant's own time, plus, when
 * `includeReaped`, what exited children already handed to their parents (PostgreSQL backends that
 * came and went). localpay's tree counts only live processes: a replaced worker would otherwise
 * be counted once more through the primary.
 */
export function treeCpuMicros(root: number, includeReaped: boolean): number {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(readStat)
    .filter((stat): stat is ProcStat => stat !== null);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let ticks = 0;
  const visit = (stat: ProcStat): void => {
    ticks += stat.own + (includeReaped ? stat.reaped : 0);
    for (const child of children.get(stat.pid) ?? []) visit(child);
  };
  const top = stats.find((stat) => stat.pid === root);
  if (top) visit(top);
  return (ticks / TICKS_PER_SECOND) * 1_000_000;
}

/**
 * I/O counters of one process (/proc/<pid>/io): read and write system calls and bytes, whether
 * they reached the disk or the page cache. Unlike time, they do not move with other work on the
 * machine, so per request they show what a growing store adds (pages read, WAL frames written).
 */
export interface ProcessIo {
  readonly readCalls: number;
  readonly writeCalls: number;
  readonly readBytes: number;
  readonly writtenBytes: number;
}

export function processIo(pid: number): ProcessIo {
  const fields = new Map(
    readFileSync(`/proc/${pid}/io`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [name = '', value = '0'] = line.split(':');
        return [name, Number(value.trim())] as const;
      }),
  );
  const field = (name: string): number => fields.get(name) ?? 0;
  return {
    readCalls: field('syscr'),
    writeCalls: field('syscw'),
    readBytes: field('rchar'),
    writtenBytes: field('wchar'),
  };
}

/** CPU time of one process's threads in microseconds, split into user and kernel (system) time. */
export interface CpuSplit {
  readonly userMicros: number;
  readonly systemMicros: number;
}

/** utime and stime of one /proc stat file (a process's or one of its threads'), in microseconds. */
function statCpu(file: string): CpuSplit & { readonly name: string } {
  const { name, field } = readStatFile(file);
  const micros = (n: number): number => (field(n) / TICKS_PER_SECOND) * 1_000_000;
  return { name, userMicros: micros(14), systemMicros: micros(15) };
}

/** Each live thread of `pid`: its id, name and CPU (user + system) in microseconds. */
function threadsOf(pid: number): { task: string; name: string; micros: number }[] {
  const threads = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const { name, userMicros, systemMicros } = statCpu(`/proc/${pid}/task/${task}/stat`);
      threads.push({ task, name, micros: userMicros + systemMicros });
    } catch {
      // the thread ended since the folder was listed
    }
  }
  return threads;
}

/**
 * User and system CPU of `pid`, all threads. System time is where SQLite's page-cache misses
 * (pread), WAL writes and fsyncs show up, user time the JavaScript and SQLite's own work.
 */
export function processCpuSplit(pid: number): CpuSplit {
  return statCpu(`/proc/${pid}/stat`);
}

/**
 * CPU of `pid`'s threads except V8's CPU profiler sampler (`--cpu-prof`), which takes several
 * percent of a CPU however idle the process is: an idle check that counted it never ends.
 */
export function cpuMicrosWithoutProfiler(pid: number): number {
  return threadsOf(pid)
    .filter((thread) => !thread.name.startsWith('v8:ProfEvntProc'))
    .reduce((total, thread) => total + thread.micros, 0);
}

/** CPU of each of `pid`'s threads in microseconds (user + system), by thread id. */
export function threadCpuMicros(pid: number): ReadonlyMap<string, number> {
  return new Map(
    threadsOf(pid).map(({ task, name, micros }) => [
      task === String(pid) ? 'main' : `${name}#${task}`,
      micros,
    ]),
  );
}
