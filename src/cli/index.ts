#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
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
import { addTestBuyer, listTestBuyers } from '../app/test-buyer-administration.js';
import { TRA_CLASSES } from '../domain/sca/sca-policy.js';
import { loadConfig, type Config } from '../config/config.js';
import { parseDuration } from '../config/duration.js';
import { isRegion } from '../domain/shared/environment.js';
import { DomainError } from '../domain/shared/errors.js';
import { openStore, startLocalpay } from '../main.js';
import { cryptoRandom } from '../runtime/crypto-random.js';
import { systemClock } from '../runtime/system-clock.js';
import { resetMerchants } from '../app/back-office/reset-merchant.js';
import { startBanner } from './banner.js';
import { IPN_OPTIONS, IPN_USAGE, ipnCommand } from './ipn-commands.js';
import { V1_COMMANDS, V1_USAGE, v1Command } from './v1-commands.js';

const USAGE = `Usage: localpay <command> [options]

  start                                   start the server (HTTPS API, HTTP pages, admin API)
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
  reset [--merchant ID]                   erase a merchant's (or every merchant's) objects and logs; keep keys
${IPN_USAGE}
${V1_USAGE}

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
  ...IPN_OPTIONS,
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
  const running = await startLocalpay(config);
  process.stdout.write(startBanner(running));
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
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
  const config = loadConfig(process.env, flags['data-dir'] ? { dataDir: flags['data-dir'] } : {});
  const print = (value: unknown): void =>
    void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'start':
      return start(config);
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
      return withDeps(config, async (deps) => print(await listTestBuyers(deps, required(flags, 'merchant'))));
    case 'test-buyers add': {
      const input = { name: required(flags, 'name'), email: required(flags, 'email'), cardEndings: flags.card };
      return withDeps(config, async (deps) => print(await addTestBuyer(deps, required(flags, 'merchant'), input)));
    }
    case 'merchants set-sca': {
      const scaTraClass = TRA_CLASSES.find((value) => value === flags['tra-class']);
      if (scaTraClass === undefined) throw new UsageError(`--tra-class must be one of ${TRA_CLASSES.join(', ')}.`);
      return withDeps(config, async (deps) => print(await setScaSettings(deps, required(flags, 'merchant'), { scaTraClass })));
    }
    case 'challenges pass':
    case 'challenges fail':
    case 'challenges abandon': {
      const outcome = ({ pass: 'Success', fail: 'Failure', abandon: 'Abandoned' } as const)[sub as 'pass' | 'fail' | 'abandon'];
      return withDeps(config, async (deps) => print({ returnUrl: await settleChallenge(deps, required(flags, 'id'), outcome) }));
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
      if (V1_COMMANDS.includes(v1))
        return withDeps(config, (deps) => v1Command(deps, v1, flags, print, (message) => new UsageError(message)));
      throw new UsageError(`Unknown command '${positionals.join(' ')}'.`);
    }
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    error instanceof DomainError ||
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
