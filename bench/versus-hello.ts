import os from 'node:os';
import { formatTable, LOAD, measure, type Measurement } from './load.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/**
 * The frame every benchmark shares (DESIGN.md §5): one server process, a hello-world route of the
 * same Fastify app measured first, then the scenario under test in the same run, over plain HTTP
 * on loopback; the table, the throughput ratio and the server's peak RSS. Throws when either side
 * saw anything but 2xx: a benchmark that measured error responses must not pass for a result.
 */

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface Contender {
  /** How the ratio line names it, e.g. "Create Charge". */
  readonly label: string;
  /** What the set-up prepared, printed with the run's conditions. */
  readonly setUpSummary: string;
  measure(serverCpuMicros: () => Promise<number>): Promise<Measurement>;
}

export async function benchmarkAgainstHello(
  name: string,
  setUp: (server: ServerProcess) => Promise<Contender>,
): Promise<void> {
  const server = await startServerProcess(START_TIMEOUT_MS);
  try {
    const { ready } = server;
    const contender = await setUp(server);
    console.log(
      `${name}: ${LOAD.connections} connections; ${contender.setUpSummary}; ${server.placement}; ` +
        // Other work on the machine skews every figure; this makes a noisy run recognisable.
        `store: ${ready.store}; load average ${os.loadavg()[0]?.toFixed(2)}`,
    );
    const serverCpu = (): Promise<number> => server.cpuMicros();
    const hello = await measure(
      { name: 'GET /bench/hello', url: `${ready.httpUrl}${ready.helloPath}` },
      serverCpu,
    );
    const measuredRow = await contender.measure(serverCpu);
    const maxRssKb = await server.stop(STOP_TIMEOUT_MS);

    console.log(formatTable([hello, measuredRow]));
    const ratio = (100 * measuredRow.requestsPerSecond) / hello.requestsPerSecond;
    console.log(`${contender.label} / hello throughput: ${ratio.toFixed(1)} %`);
    const cpuRatio =
      (100 * hello.serverCpuMicrosPerRequest) / measuredRow.serverCpuMicrosPerRequest;
    console.log(`${contender.label} / hello by server CPU per request: ${cpuRatio.toFixed(1)} %`);
    console.log(`server peak RSS: ${(maxRssKb / 1024).toFixed(1)} MiB`);
    console.log(`load average after the run: ${os.loadavg()[0]?.toFixed(2)}`);

    for (const row of [hello, measuredRow])
      if (row.errors > 0 || row.non2xx > 0)
        throw new Error(`${row.name} was not clean: statuses ${JSON.stringify(row.statuses)}`);
  } finally {
    server.kill();
  }
}
