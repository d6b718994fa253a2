import { RELEASE_ENVIRONMENTS, type ReleaseEnvironment } from '../domain/shared/environment.js';
import { invalidParameter, notFound } from '../domain/shared/errors.js';
import type { Instant } from '../domain/shared/time.js';
import type {
  AppDependencies,
  DeliveryAttempt,
  IpnChaos,
  IpnEndpoint,
  NotificationRecord,
  NotificationStatus,
  Transaction,
} from './ports.js';

/**
 * Operator controls for IPNs behind the admin API and the CLI: where a merchant's notifications go
 * (one URL per environment, as in Seller Central), its SigningCertURL and chaos settings, the
 * delivery log, and redelivery. Delivery itself is src/ipn/'s dispatcher.
 */
export interface IpnSettingsView {
  readonly merchantId: string;
  readonly endpoints: Readonly<Record<ReleaseEnvironment, IpnEndpoint | null>>;
  readonly signingCertUrl: string | null;
  readonly chaos: IpnChaos;
}

export interface IpnSettingsPatch {
  readonly signingCertUrl?: string | null | undefined;
  readonly chaos?: { readonly [K in keyof IpnChaos]?: IpnChaos[K] | undefined } | undefined;
}

export const CHAOS_OFF: IpnChaos = {
  duplicateRate: 0,
  badSignatureRate: 0,
  outOfOrderWindowMs: 0,
  delayMs: 0,
};

/** Chaos waits hold a claimed notification; ten minutes bounds how long a crash can delay it. */
const MAX_CHAOS_WAIT_MS = 10 * 60 * 1000;
const MAX_LIMIT = 1000;

async function merchantNow(
  deps: AppDependencies,
  tx: Transaction,
  merchantId: string,
): Promise<Instant> {
  const merchant = await tx.merchants.find(merchantId);
  if (!merchant) throw notFound('merchant', merchantId);
  return deps.clock.now() + merchant.clockOffsetMs;
}

function checkUrl(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter(field, 'give an absolute http or https URL.');
  }
  if (!['http:', 'https:'].includes(url.protocol) || value.length > 2048)
    throw invalidParameter(field, 'give an absolute http or https URL of at most 2048 characters.');
  return url.toString();
}

async function view(tx: Transaction, merchantId: string): Promise<IpnSettingsView> {
  const endpoints = await tx.outbox.listEndpoints(merchantId);
  const [settings] = await tx.outbox.findSettings([merchantId]);
  const byEnvironment = (environment: ReleaseEnvironment): IpnEndpoint | null =>
    endpoints.find((endpoint) => endpoint.environment === environment) ?? null;
  return {
    merchantId,
    endpoints: { Sandbox: byEnvironment('Sandbox'), Live: byEnvironment('Live') },
    signingCertUrl: settings?.signingCertUrl ?? null,
    chaos: settings?.chaos ?? CHAOS_OFF,
  };
}

export function getIpnSettings(
  deps: AppDependencies,
  merchantId: string,
): Promise<IpnSettingsView> {
  return deps.store.transaction(async (tx) => {
    await merchantNow(deps, tx, merchantId);
    return view(tx, merchantId);
  });
}

/**
 * Sets (or with null removes) a merchant's IPN URL for one environment. Notifications committed
 * while no endpoint exists are skipped (Amazon only notifies endpoints configured at the time), and
 * removing the endpoint skips what was still pending. Changing the URL keeps pending retries, which
 * go to the new URL.
 */
export function setIpnEndpoint(
  deps: AppDependencies,
  merchantId: string,
  environment: ReleaseEnvironment,
  url: string | null,
): Promise<IpnSettingsView> {
  if (!RELEASE_ENVIRONMENTS.includes(environment))
    throw invalidParameter('environment', 'give Sandbox or Live.');
  return deps.store.transaction(async (tx) => {
    const now = await merchantNow(deps, tx, merchantId);
    await putIpnEndpoint(tx, deps, { merchantId, environment, url, now });
    return view(tx, merchantId);
  });
}

/**
 * setIpnEndpoint inside the caller's transaction (v1 SetMerchantNotificationConfiguration sets the
 * same endpoint the admin API does).
 */
export async function putIpnEndpoint(
  tx: Transaction,
  deps: Pick<AppDependencies, 'random'>,
  target: {
    readonly merchantId: string;
    readonly environment: ReleaseEnvironment;
    readonly url: string | null;
    readonly now: Instant;
    /** v1 event types, stored form (v1-event-types.ts); undefined keeps the endpoint's. */
    readonly eventTypes?: string | null;
  },
): Promise<void> {
  const { merchantId, environment, now } = target;
  const checked = target.url === null ? null : checkUrl('url', target.url);
  if (checked === null) {
    // Nobody is listening any more: what was still to be sent is skipped.
    await tx.outbox.removeEndpoint(merchantId, environment);
    await tx.outbox.skipPending(merchantId, environment, Number.MAX_SAFE_INTEGER);
    return;
  }
  const existing = (await tx.outbox.listEndpoints(merchantId)).find(
    (endpoint) => endpoint.environment === environment,
  );
  if (existing === undefined) await tx.outbox.skipPending(merchantId, environment, now);
  await tx.outbox.putEndpoint({
    merchantId,
    environment,
    url: checked,
    subscriptionId: existing?.subscriptionId ?? deps.random.uuid(),
    createdAt: existing?.createdAt ?? now,
    eventTypes:
      target.eventTypes === undefined ? (existing?.eventTypes ?? null) : target.eventTypes,
  });
}

function checkChaos(chaos: IpnChaos): IpnChaos {
  for (const rate of ['duplicateRate', 'badSignatureRate'] as const)
    if (!(chaos[rate] >= 0 && chaos[rate] <= 1))
      throw invalidParameter(`chaos.${rate}`, 'give a probability from 0 to 1.');
  for (const wait of ['outOfOrderWindowMs', 'delayMs'] as const)
    if (!Number.isSafeInteger(chaos[wait]) || chaos[wait] < 0 || chaos[wait] > MAX_CHAOS_WAIT_MS)
      throw invalidParameter(`chaos.${wait}`, `give 0 to ${MAX_CHAOS_WAIT_MS} milliseconds.`);
  return chaos;
}

/** Changes the merchant's SigningCertURL override and chaos settings (fields not sent stay). */
export function updateIpnSettings(
  deps: AppDependencies,
  merchantId: string,
  patch: IpnSettingsPatch,
): Promise<IpnSettingsView> {
  const signingCertUrl =
    patch.signingCertUrl === undefined || patch.signingCertUrl === null
      ? patch.signingCertUrl
      : checkUrl('signingCertUrl', patch.signingCertUrl);
  return deps.store.transaction(async (tx) => {
    const now = await merchantNow(deps, tx, merchantId);
    const current = await view(tx, merchantId);
    await tx.outbox.putSettings(
      {
        merchantId,
        signingCertUrl: signingCertUrl === undefined ? current.signingCertUrl : signingCertUrl,
        chaos: checkChaos({
          ...current.chaos,
          ...Object.fromEntries(
            Object.entries(patch.chaos ?? {}).filter(([, value]) => value !== undefined),
          ),
        }),
      },
      now,
    );
    return view(tx, merchantId);
  });
}

export interface NotificationQuery {
  readonly merchantId?: string | undefined;
  readonly status?: NotificationStatus | undefined;
  readonly objectId?: string | undefined;
  readonly limit?: number | undefined;
}

const limitOf = (limit: number | undefined, fallback: number): number => {
  if (limit === undefined) return fallback;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw invalidParameter('limit', `give 1 to ${MAX_LIMIT}.`);
  return limit;
};

export const listNotifications = (
  deps: AppDependencies,
  query: NotificationQuery,
): Promise<NotificationRecord[]> =>
  deps.store.transaction((tx) =>
    tx.outbox.listNotifications({ ...query, limit: limitOf(query.limit, 50) }),
  );

export interface NotificationDetail extends NotificationRecord {
  /** Every attempt, newest first. */
  readonly deliveryAttempts: readonly DeliveryAttempt[];
}

export function getNotification(deps: AppDependencies, id: string): Promise<NotificationDetail> {
  return deps.store.transaction(async (tx) => {
    const notification = await tx.outbox.findNotification(id);
    if (!notification) throw notFound('notification', id);
    const deliveryAttempts = await tx.outbox.listAttempts({ notificationId: id, limit: MAX_LIMIT });
    return { ...notification, deliveryAttempts };
  });
}

export const listDeliveryAttempts = (
  deps: AppDependencies,
  query: {
    merchantId?: string | undefined;
    notificationId?: string | undefined;
    limit?: number | undefined;
  },
): Promise<DeliveryAttempt[]> =>
  deps.store.transaction((tx) =>
    tx.outbox.listAttempts({ ...query, limit: limitOf(query.limit, 100) }),
  );

/** Sends one notification again, whatever its status, with a fresh retry schedule. */
export function redeliverNotification(
  deps: AppDependencies,
  id: string,
): Promise<NotificationRecord> {
  return deps.store.transaction(async (tx) => {
    const notification = await tx.outbox.findNotification(id);
    if (!notification) throw notFound('notification', id);
    await tx.outbox.requeue({ id }, await merchantNow(deps, tx, notification.merchantId));
    const requeued = await tx.outbox.findNotification(id);
    if (!requeued) throw notFound('notification', id);
    return requeued;
  });
}

/**
 * Sends every failed notification again (of one merchant, or of all), each with a fresh schedule.
 * `statuses` may add skipped ones. Answers how many were requeued.
 */
export async function redeliverFailed(
  deps: AppDependencies,
  options: {
    merchantId?: string | undefined;
    statuses?: readonly NotificationStatus[] | undefined;
  },
): Promise<number> {
  const statuses = options.statuses ?? ['failed'];
  return deps.store.transaction(async (tx) => {
    const merchants =
      options.merchantId === undefined
        ? (await tx.merchants.list()).map((merchant) => merchant.merchantId)
        : [options.merchantId];
    let requeued = 0;
    for (const merchantId of merchants)
      requeued += await tx.outbox.requeue(
        { merchantId, statuses },
        await merchantNow(deps, tx, merchantId),
      );
    return requeued;
  });
}

/**
 * The UnsubscribeURL of an envelope (SNS semantics): removes the endpoint the subscription ARN
 * names. The ARN's last segment is an unguessable id, as on SNS.
 */
export function unsubscribe(deps: AppDependencies, subscriptionArn: string): Promise<IpnEndpoint> {
  const subscriptionId = subscriptionArn.split(':').at(-1) ?? '';
  return deps.store.transaction(async (tx) => {
    const endpoint = await tx.outbox.findEndpointBySubscription(subscriptionId);
    if (!endpoint) throw notFound('subscription', subscriptionArn);
    await tx.outbox.removeEndpoint(endpoint.merchantId, endpoint.environment);
    return endpoint;
  });
}
