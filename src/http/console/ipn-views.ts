import type { IpnSettingsView, NotificationDetail } from '../../app/ipn-administration.js';
import type { NotificationRecord } from '../../app/ports.js';
import { html, type SafeHtml } from '../pages/html.js';
import { consoleHref, stateBadge, table, time } from './console-layout.js';

/** The IPN views (issue 14 point 5): notifications, their attempts, redelivery, settings. */
const OBJECT_PAGES: Readonly<Record<string, string>> = {
  CHECKOUT_SESSION: 'checkout-sessions',
  CHARGE_PERMISSION: 'charge-permissions',
  CHARGE: 'charges',
  REFUND: 'refunds',
  OrderReferenceNotification: 'order-references',
  BillingAgreementNotification: 'billing-agreements',
  PaymentAuthorize: 'authorizations',
  PaymentCapture: 'captures',
  PaymentRefund: 'v1-refunds',
};

const objectLink = (n: NotificationRecord): SafeHtml => {
  const key = n.apiVersion === 'v1' ? n.notificationType : n.objectType;
  const kind = Object.hasOwn(OBJECT_PAGES, key) ? OBJECT_PAGES[key] : undefined;
  return kind === undefined
    ? html`${n.objectId}`
    : html`<a href="${consoleHref('objects', kind, n.objectId)}">${n.objectId}</a>`;
};

export interface IpnQuery {
  readonly merchant: string;
  readonly status: string;
}

export const ipnListView = (
  notifications: readonly NotificationRecord[],
  query: IpnQuery,
): SafeHtml =>
  html`<h1>Instant Payment Notifications</h1>
    <form class="filters" method="get" role="search" aria-label="Filter notifications">
      <label>Merchant <input name="merchant" value="${query.merchant}" /></label>
      <label
        >Status
        <select name="status">
          ${['', 'pending', 'delivered', 'failed', 'skipped'].map((s) => html`<option value="${s}" ${s === query.status ? html`selected` : ''}>${s || 'Any'}</option>`)}
        </select>
      </label>
      <button type="submit">Filter</button>
    </form>
    ${table(
      [
        'Created (merchant clock)',
        'Merchant',
        'Type',
        'Object',
        'Status',
        'Attempts',
        'Last answer',
      ],
      notifications.map(
        (n) =>
          html`<tr>
            <td><a href="${consoleHref('ipns', n.id)}">${time(n.createdAt)}</a></td>
            <td>${n.merchantId}</td>
            <td>${n.apiVersion} ${n.objectType} ${n.notificationType}</td>
            <td>${objectLink(n)}</td>
            <td>${stateBadge(n.status)}</td>
            <td class="num">${n.attempts}</td>
            <td>${n.lastStatusCode ?? n.lastError ?? ''}</td>
          </tr>`,
      ),
      'Notifications, newest first',
    )}`;

export function ipnView(n: NotificationDetail, message: string, csrfToken: string): SafeHtml {
  return html`<h1>Notification <span class="muted">${n.id}</span></h1>
    <p>
      ${stateBadge(n.status)} · ${n.apiVersion} ${n.notificationType} of ${objectLink(n)} · merchant
      <a href="${consoleHref('merchants', n.merchantId)}">${n.merchantId}</a> · ${n.environment}
      ${n.status === 'pending' ? html` · next attempt ${time(n.nextAttemptAt)}` : ''}
    </p>
    <form method="post" action="${consoleHref('ipns', n.id, 'redeliver')}">
      <input type="hidden" name="csrf" value="${csrfToken}" />
      <button type="submit" data-testid="redeliver">Redeliver now</button>
    </form>
    <h2>Attempts</h2>
    ${table(
      ['#', 'Sent (merchant clock)', 'URL', 'Outcome', 'Status', 'Latency', 'Handler answered'],
      n.deliveryAttempts.map(
        (a) =>
          html`<tr>
            <td class="num">${a.attempt}${a.chaos === null ? '' : ` (${a.chaos})`}</td>
            <td>${time(a.attemptedAt)}</td>
            <td>${a.url}</td>
            <td>${stateBadge(a.outcome)}</td>
            <td>${a.statusCode ?? ''}</td>
            <td class="num">${a.latencyMs} ms</td>
            <td>${a.responseExcerpt ?? a.error ?? ''}</td>
          </tr>`,
      ),
      'Every POST to the endpoint, newest first',
    )}
    <h2>Message (inside the SNS envelope)</h2>
    <pre tabindex="0" aria-label="Notification message" data-testid="ipn-message">${message}</pre>`;
}

export const ipnSettingsSection = (settings: IpnSettingsView): SafeHtml =>
  html`<h2>IPN settings</h2>
    ${table(
      ['Environment', 'Endpoint'],
      (['Sandbox', 'Live'] as const).map(
        (env) =>
          html`<tr>
            <td>${env}</td>
            <td>${settings.endpoints[env]?.url ?? 'none (notifications are skipped)'}</td>
          </tr>`,
      ),
      'Where notifications go',
    )}
    <p>
      SigningCertURL: ${settings.signingCertUrl ?? 'localpay’s own'} · chaos: duplicates
      ${settings.chaos.duplicateRate}, bad signatures ${settings.chaos.badSignatureRate}, out of
      order ${settings.chaos.outOfOrderWindowMs} ms, delay ${settings.chaos.delayMs} ms ·
      <a href="${consoleHref('ipns')}?merchant=${encodeURIComponent(settings.merchantId)}"
        >Notifications of this merchant</a
      >
    </p>`;
