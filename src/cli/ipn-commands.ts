/**
 * `localpay ipn …`: the IPN controls of the admin API on the command line. They write to the
 * database; a running localpay picks the changes up on its next poll (LOCALPAY_IPN_POLL, 1 s).
 */
import {
  getIpnSettings,
  getNotification,
  listDeliveryAttempts,
  listNotifications,
  redeliverFailed,
  redeliverNotification,
  setIpnEndpoint,
  updateIpnSettings,
} from '../app/ipn-administration.js';
import type { AppDependencies, NotificationStatus } from '../app/ports.js';
import { parseDuration } from '../config/duration.js';
import { RELEASE_ENVIRONMENTS, type ReleaseEnvironment } from '../domain/shared/environment.js';

export const IPN_USAGE = `  ipn show --merchant ID                  a merchant's IPN endpoints, SigningCertURL and chaos
  ipn endpoint set --merchant ID --url URL [--environment Sandbox|Live]
  ipn endpoint clear --merchant ID [--environment Sandbox|Live]
                                          where a merchant's IPNs go (Sandbox by default)
  ipn signing-cert-url --merchant ID --url URL | --clear
                                          the SigningCertURL put in the merchant's envelopes
  ipn chaos --merchant ID [--duplicate P] [--bad-signature P] [--out-of-order 2s] [--delay 30s] | --off
                                          chaos for the merchant's handler (P: probability 0 to 1)
  ipn notifications [--merchant ID] [--status pending|delivered|failed|skipped] [--limit N]
  ipn attempts --id NOTIFICATION | --merchant ID [--limit N]
                                          the delivery log, newest first
  ipn redeliver --id NOTIFICATION         send one notification again
  ipn redeliver-failed [--merchant ID] [--include-skipped]
                                          send every failed notification again`;

export const IPN_OPTIONS = {
  url: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  duplicate: { type: 'string' },
  'bad-signature': { type: 'string' },
  'out-of-order': { type: 'string' },
  delay: { type: 'string' },
  off: { type: 'boolean' },
  clear: { type: 'boolean' },
  'include-skipped': { type: 'boolean' },
} as const;

type Flags = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

export interface IpnCommandContext {
  readonly print: (value: unknown) => void;
  readonly usage: (message: string) => Error;
}

const STATUSES: readonly NotificationStatus[] = ['pending', 'delivered', 'failed', 'skipped'];

export async function ipnCommand(
  deps: AppDependencies,
  args: readonly string[],
  flags: Flags,
  { print, usage }: IpnCommandContext,
): Promise<void> {
  const text = (name: string): string | undefined => {
    const value = flags[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const required = (name: string): string => {
    const value = text(name);
    if (value === undefined) throw usage(`--${name} is required.`);
    return value;
  };
  const environment = (): ReleaseEnvironment => {
    const raw = (text('environment') ?? 'Sandbox').toLowerCase();
    const found = RELEASE_ENVIRONMENTS.find((env) => env.toLowerCase() === raw);
    if (found === undefined) throw usage('--environment must be Sandbox or Live.');
    return found;
  };
  const limit = (): number | undefined => {
    const raw = text('limit');
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) throw usage('--limit takes a whole number.');
    return value;
  };
  const rate = (name: string): number | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!(value >= 0 && value <= 1)) throw usage(`--${name} takes a probability from 0 to 1.`);
    return value;
  };
  const wait = (name: string): number | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    const value = parseDuration(raw);
    if (value === null) throw usage(`--${name} takes a duration such as 2s or 500ms.`);
    return value;
  };

  switch (args.join(' ')) {
    case 'show':
      return print(await getIpnSettings(deps, required('merchant')));
    case 'endpoint set':
      return print(
        await setIpnEndpoint(deps, required('merchant'), environment(), required('url')),
      );
    case 'endpoint clear':
      return print(await setIpnEndpoint(deps, required('merchant'), environment(), null));
    case 'signing-cert-url': {
      const url = flags.clear === true ? null : required('url');
      return print(await updateIpnSettings(deps, required('merchant'), { signingCertUrl: url }));
    }
    case 'chaos': {
      const chaos =
        flags.off === true
          ? { duplicateRate: 0, badSignatureRate: 0, outOfOrderWindowMs: 0, delayMs: 0 }
          : {
              duplicateRate: rate('duplicate'),
              badSignatureRate: rate('bad-signature'),
              outOfOrderWindowMs: wait('out-of-order'),
              delayMs: wait('delay'),
            };
      return print(await updateIpnSettings(deps, required('merchant'), { chaos }));
    }
    case 'notifications': {
      const status = text('status');
      if (status !== undefined && !STATUSES.some((known) => known === status))
        throw usage(`--status must be one of ${STATUSES.join(', ')}.`);
      return print(
        await listNotifications(deps, {
          merchantId: text('merchant'),
          status: STATUSES.find((known) => known === status),
          limit: limit(),
        }),
      );
    }
    case 'attempts': {
      const id = text('id');
      if (id !== undefined && text('merchant') === undefined && limit() === undefined)
        return print(await getNotification(deps, id));
      if (id === undefined && text('merchant') === undefined)
        throw usage('give --id NOTIFICATION or --merchant ID.');
      return print(
        await listDeliveryAttempts(deps, {
          merchantId: text('merchant'),
          notificationId: id,
          limit: limit(),
        }),
      );
    }
    case 'redeliver':
      return print(await redeliverNotification(deps, required('id')));
    case 'redeliver-failed':
      return print({
        requeued: await redeliverFailed(deps, {
          merchantId: text('merchant'),
          statuses: flags['include-skipped'] === true ? ['failed', 'skipped'] : ['failed'],
        }),
      });
    default:
      throw usage(`Unknown command 'ipn ${args.join(' ')}'.`);
  }
}
