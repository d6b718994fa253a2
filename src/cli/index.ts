#!/usr/bin/env node
import cluster from 'node:cluster';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  advanceMerchantClock,
  createMerchant,
  getMerchantOverview,
  listMerchants,
  registerPublicKey,
  setScaSettings,
} from '../app/merchant-administration.js';
import type { AppDependencies } from '../app/ports.js';
import { settleChallenge } from '../app/challenge-control.js';
import { setStoreDestinations } from '../app/store-destinations.js';
import { addTestBuyer, listTestBuyers } from '../app/test-buyer-administration.js';
import { TRA_CLASSES } from '../domain/sca/sca-policy.js';
import { loadConfig, type Config } from '../config/config.js';
import { parseDuration } from '../config/duration.js';
import { isRegion } from '../domain/shared/environment.js';
import { DomainError } from '../domain/shared/errors.js';
import { openStore, startLocalpay } from '../main.js';
import { runPrimary } from '../cluster/primary.js';
import { runWorker } from '../cluster/worker.js';
import { cryptoRandom } from '../runtime/crypto-random.js';
import { closeThenExit } from '../runtime/shutdown.js';
import { systemClock } from '../runtime/system-clock.js';
import { resetMerchants } from '../app/back-office/reset-merchant.js';
import { startBanner } from './banner.js';
import { SnapshotConflict } from '../app/snapshots/snapshot-operations.js';
import {
  SNAPSHOT_COMMANDS,
  SNAPSHOT_OPTIONS,
  SNAPSHOT_USAGE,
  SnapshotCommandError,
  snapshotCommand,
} from './snapshot-commands.js';
import { BUYER_COMMANDS, BUYER_OPTIONS, BUYER_USAGE, buyerCommand } from './buyer-commands.js';
import {
  HOST_OPTIONS,
  HOST_USAGE,
  hostsText,
  parseHostsFormat,
  trustText,
  validHostsAddress,
} from './host-commands.js';
import { ensureTlsMaterial } from '../http/tls/tls-material.js';
import { FORCE_COMMANDS, FORCE_OPTIONS, FORCE_USAGE, forceCommand } from './force-commands.js';
import { IPN_OPTIONS, IPN_USAGE, ipnCommand } from './ipn-commands.js';
import { V1_COMMANDS, V1_USAGE, v1Command } from './v1-commands.js';
import {
  BACK_OFFICE_COMMANDS,
  BACK_OFFICE_OPTIONS,
  BACK_OFFICE_USAGE,
  backOfficeCommand,
} from './back-office-commands.js';

const USAGE = `Usage: localpay <command> [options]

  start [--amazon-hosts]                  start the server (HTTPS API, HTTP pages, admin API);
                                          --amazon-hosts answers as Amazon's hosts on 443
${HOST_USAGE}
${BUYER_USAGE}
  start --workers N                       N processes on the same ports (PostgreSQL only)
  merchants list                          list merchants
  merchants create --name N --region R    create a merchant (R: NA, EU, UK, JP)
  merchants show --merchant ID            show a merchant, its stores, keys and clock
  keys add --merchant ID --public-key FILE [--environment Sandbox|Live|legacy] [--id KEYID]
                                          register an RSA public key
  clock advance --merchant ID --by 25h    move a merchant's clock forward (s, m, h, d)
  test-buyers list --merchant ID          list a merchant's sandbox test buyers
  test-buyers add --merchant ID --name N --email E [--card 1111 --card 4444]
                                          add a test buyer (default: every test card)
  merchants set-sca --merchant ID --tra-class None|UpTo13bp|UpTo6bp|UpTo1bp
                                          the fraud-rate class for the PSD2 TRA exemption
  challenges pass|fail|abandon --id ID    answer the SCA challenge a charge or checkout session waits on
  stores allow --merchant ID [--store S] [--return-url U ...] [--origin O ...]
                                          replace a store's Allowed Return URLs and JavaScript origins
  reset [--merchant ID]                   erase a merchant's (or every merchant's) objects and logs; keep keys
${SNAPSHOT_USAGE}
${IPN_USAGE}
${V1_USAGE}
${BACK_OFFICE_USAGE}
${FORCE_USAGE}

Common options: --data-dir DIR (default ./.localpay); DATABASE_URL selects PostgreSQL.`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  name: { type: 'string' },
  region: { type: 'string' },
  merchant: { type: 'string' },
  'public-key': { type: 'string' },
  environment: { type: 'string' },
  id: { type: 'string' },
  by: { type: 'string' },
  email: { type: 'string' },
  card: { type: 'string', multiple: true },
  'tra-class': { type: 'string' },
  store: { type: 'string' },
  'return-url': { type: 'string', multiple: true },
  origin: { type: 'string', multiple: true },
  workers: { type: 'string' },
  ...IPN_OPTIONS,
  ...BACK_OFFICE_OPTIONS,
  ...FORCE_OPTIONS,
  ...HOST_OPTIONS,
  ...BUYER_OPTIONS,
  ...SNAPSHOT_OPTIONS,
  'amazon-hosts': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

function required(flags: Flags, name: keyof Flags): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required.`);
  return value;
}

class UsageError extends Error {}
/** A start-up failure the user can fix: its message, without a stack trace or the usage. */
class StartError extends Error {}

function workerCount(raw: string): number {
  const count = Number(raw);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new UsageError(`--workers takes a whole number of at least 1, got '${raw}'.`);
  return count;
}

async function withDeps<T>(
  config: Config,
  work: (deps: AppDependencies) => Promise<T>,
): Promise<T> {
  const store = await openStore(config);
  try {
    return await work({ store, clock: systemClock, random: cryptoRandom });
  } finally {
    await store.close();
  }
}

async function start(config: Config): Promise<void> {
  if (cluster.isWorker) return runWorker(config);
  if (config.workers > 1) {
    if (config.databaseUrl === null)
      throw new UsageError(
        `--workers ${config.workers} needs PostgreSQL (set DATABASE_URL): the embedded SQLite ` +
          'store is one database file written through one connection by one process, so it ' +
          'runs a single worker.',
      );
    return runPrimary(config);
  }
  const running = await startLocalpay(config).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'EACCES' && config.httpsPort < 1024)
      throw new StartError(
        `Port ${config.httpsPort} is privileged: run as root, grant node CAP_NET_BIND_SERVICE ` +
          '(setcap cap_net_bind_service=+ep "$(command -v node)"), lower ' +
          'net.ipv4.ip_unprivileged_port_start, or set LOCALPAY_HTTPS_PORT and forward 443 to it.',
      );
    throw error;
  });
  process.stdout.write(startBanner(running, { amazonHosts: config.amazonHosts }));
  const stop = closeThenExit(() => running.close(), 'localpay');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function run(argv: readonly string[]): Promise<void> {
  const { values: flags, positionals } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
  });
  const [command, sub] = positionals;
  if (flags.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // --amazon-hosts is LOCALPAY_AMAZON_HOSTS=1: loadConfig derives the port and names from it.
  const env = flags['amazon-hosts'] ? { ...process.env, LOCALPAY_AMAZON_HOSTS: '1' } : process.env;
  const config = loadConfig(env, {
    ...(flags['data-dir'] ? { dataDir: flags['data-dir'] } : {}),
    ...(flags.workers !== undefined ? { workers: workerCount(flags.workers) } : {}),
  });
  const print = (value: unknown): void =>
    void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'start':
      return start(config);
    case 'hosts': {
      const address = flags.address ?? '127.0.0.1';
      const format = parseHostsFormat(flags.format);
      if (!validHostsAddress(address))
        throw new UsageError('--address takes an IP address (or host-gateway).');
      if (format === null) throw new UsageError('--format must be hosts, compose or docker.');
      process.stdout.write(hostsText(address, format));
      return;
    }
    case 'trust': {
      // Creates the CA on first use, so it can be trusted before localpay ever starts.
      const tls = await ensureTlsMaterial(path.join(config.dataDir, 'tls'), config.tlsHostnames);
      process.stdout.write(trustText(tls.caCertPath));
      return;
    }
    case 'merchants list':
      return withDeps(config, async (deps) => print(await listMerchants(deps)));
    case 'merchants create': {
      const region = required(flags, 'region').toUpperCase();
      if (!isRegion(region)) throw new UsageError('--region must be NA, EU, UK or JP.');
      const name = required(flags, 'name');
      return withDeps(config, async (deps) => print(await createMerchant(deps, { name, region })));
    }
    case 'reset':
      return withDeps(config, async (deps) =>
        print(await resetMerchants(deps, flags.merchant ?? null)),
      );
    case 'merchants show':
      return withDeps(config, async (deps) =>
        print(await getMerchantOverview(deps, required(flags, 'merchant'))),
      );
    case 'keys add': {
      const environment = (flags.environment ?? 'Sandbox').toLowerCase();
      if (!['sandbox', 'live', 'legacy'].includes(environment))
        throw new UsageError('--environment must be Sandbox, Live or legacy.');
      const publicKeyPem = await readFile(required(flags, 'public-key'), 'utf8');
      return withDeps(config, async (deps) => {
        const { publicKeyPem: _pem, ...key } = await registerPublicKey(
          deps,
          required(flags, 'merchant'),
          {
            publicKeyPem,
            environment:
              environment === 'legacy' ? null : environment === 'live' ? 'Live' : 'Sandbox',
            publicKeyId: flags.id,
          },
        );
        print(key);
      });
    }
    case 'clock advance': {
      const by = parseDuration(required(flags, 'by'));
      if (by === null) throw new UsageError('--by takes a duration such as 25h, 30d or 90m.');
      return withDeps(config, async (deps) =>
        print(await advanceMerchantClock(deps, required(flags, 'merchant'), by)),
      );
    }
    case 'test-buyers list':
      return withDeps(config, async (deps) =>
        print(await listTestBuyers(deps, required(flags, 'merchant'))),
      );
    case 'test-buyers add': {
      const input = {
        name: required(flags, 'name'),
        email: required(flags, 'email'),
        cardEndings: flags.card,
      };
      return withDeps(config, async (deps) =>
        print(await addTestBuyer(deps, required(flags, 'merchant'), input)),
      );
    }
    case 'merchants set-sca': {
      const scaTraClass = TRA_CLASSES.find((value) => value === flags['tra-class']);
      if (scaTraClass === undefined)
        throw new UsageError(`--tra-class must be one of ${TRA_CLASSES.join(', ')}.`);
      return withDeps(config, async (deps) =>
        print(await setScaSettings(deps, required(flags, 'merchant'), { scaTraClass })),
      );
    }
    case 'challenges pass':
    case 'challenges fail':
    case 'challenges abandon': {
      const outcome = ({ pass: 'Success', fail: 'Failure', abandon: 'Abandoned' } as const)[
        sub as 'pass' | 'fail' | 'abandon'
      ];
      return withDeps(config, async (deps) =>
        print({ returnUrl: await settleChallenge(deps, required(flags, 'id'), outcome) }),
      );
    }
    case 'stores allow': {
      const merchantId = required(flags, 'merchant');
      return withDeps(config, async (deps) => {
        const storeId =
          flags.store ?? (await getMerchantOverview(deps, merchantId)).stores[0]?.storeId ?? '';
        print(
          await setStoreDestinations(deps, merchantId, storeId, {
            allowedReturnUrls: flags['return-url'],
            allowedJavaScriptOrigins: flags.origin,
          }),
        );
      });
    }
    case 'ipn show':
    case 'ipn endpoint':
    case 'ipn signing-cert-url':
    case 'ipn chaos':
    case 'ipn notifications':
    case 'ipn attempts':
    case 'ipn redeliver':
    case 'ipn redeliver-failed':
      return withDeps(config, (deps) =>
        ipnCommand(deps, positionals.slice(1), flags, {
          print,
          usage: (message) => new UsageError(message),
        }),
      );
    default: {
      const v1 = `${command} ${sub ?? ''}`.trim();
      if (BACK_OFFICE_COMMANDS.includes(v1))
        return withDeps(config, (deps) =>
          backOfficeCommand(deps, v1, flags, print, (message) => new UsageError(message)),
        );
      if (FORCE_COMMANDS.includes(v1))
        return withDeps(config, (deps) =>
          forceCommand(deps, v1, flags, print, (message) => new UsageError(message)),
        );
      const httpUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.httpPort}`;
      if (SNAPSHOT_COMMANDS.includes(v1))
        return print(
          await snapshotCommand(v1, positionals[2], flags.overwrite === true, {
            httpUrl: flags['http-url'] ?? httpUrl,
            adminToken: config.adminToken,
            usage: (message) => new UsageError(message),
            offline: (work) => withDeps(config, work),
          }),
        );
      if (BUYER_COMMANDS.includes(v1)) {
        const answer = await buyerCommand(v1, flags, httpUrl, (message) => new UsageError(message));
        process.stdout.write(`${answer}\n`);
        return;
      }
      if (V1_COMMANDS.includes(v1))
        return withDeps(config, (deps) =>
          v1Command(deps, v1, flags, print, (message) => new UsageError(message)),
        );
      throw new UsageError(`Unknown command '${positionals.join(' ')}'.`);
    }
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    error instanceof StartError ||
    error instanceof DomainError ||
    error instanceof SnapshotConflict ||
    error instanceof SnapshotCommandError ||
    (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    process.stderr.write(
      `localpay: ${(error as Error).message}\n${error instanceof UsageError ? `\n${USAGE}\n` : ''}`,
    );
    process.exit(2);
  }
  process.stderr.write(
    `localpay: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
