import type { Merchant } from '../../domain/merchant/merchant.js';
import type { InspectedObject } from '../../app/inspection/object-queries.js';
import { OBJECT_KINDS, type ObjectKind } from '../../app/inspection/object-kinds.js';
import type { StateTransition } from '../../app/inspection/inspection-ports.js';
import type { Explanation } from '../../app/inspection/why.js';
import { formatAmount } from '../../domain/shared/money.js';
import { html, type SafeHtml } from '../pages/html.js';
import { consoleHref, stateBadge, table, time } from './console-layout.js';

/** The merchants, object lists and object pages of the console (issue 14 point 2). */
interface Listed {
  readonly id: string;
  readonly state: string;
  readonly environment: string;
  readonly createdAt: number;
  readonly reasonCode?: string | null;
}

export const merchantsView = (merchants: readonly Merchant[], now: number): SafeHtml =>
  html`<h1>Merchants</h1>
    ${table(
      ['Merchant', 'Name', 'Region', 'Merchant clock'],
      merchants.map(
        (m) =>
          html`<tr>
            <td><a href="${consoleHref('merchants', m.merchantId)}">${m.merchantId}</a></td>
            <td>${m.name}</td>
            <td>${m.region}</td>
            <td>${time(now + m.clockOffsetMs)}</td>
          </tr>`,
      ),
      'Every merchant localpay holds',
    )}`;

export const merchantView = (
  merchant: Merchant,
  counts: ReadonlyMap<string, number>,
  now: number,
  cap: number,
): SafeHtml =>
  html`<h1>${merchant.name} <span class="muted">${merchant.merchantId}</span></h1>
    <p>
      Region ${merchant.region}; merchant clock ${time(now + merchant.clockOffsetMs)}
      (${merchant.clockOffsetMs === 0 ? 'real time' : `${Math.round(merchant.clockOffsetMs / 3_600_000)} h ahead`}).
      <a href="${consoleHref('requests')}?merchant=${encodeURIComponent(merchant.merchantId)}"
        >Requests of this merchant</a
      >
    </p>
    ${table(
      ['Objects', 'Count'],
      OBJECT_KINDS.map((kind) => {
        const count = counts.get(kind.slug) ?? 0;
        return html`<tr>
          <td>
            <a href="${consoleHref('merchants', merchant.merchantId, kind.slug)}">${kind.label}</a>
          </td>
          <td class="num">${count >= cap ? `${cap}+` : count}</td>
        </tr>`;
      }),
      'Objects by kind',
    )}`;

export interface ListQuery {
  readonly state: string;
  readonly search: string;
  readonly environment: string;
}

export function objectListView(
  merchant: Merchant,
  kind: ObjectKind,
  objects: readonly unknown[],
  query: ListQuery,
): SafeHtml {
  const rows = (objects as Listed[]).map(
    (o) =>
      html`<tr>
        <td><a href="${consoleHref('objects', kind.slug, o.id)}">${o.id}</a></td>
        <td>${stateBadge(o.state)}</td>
        <td>${o.reasonCode ?? ''}</td>
        <td>${o.environment}</td>
        <td>${time(o.createdAt)}</td>
      </tr>`,
  );
  return html`<h1>
      ${kind.label}
      <span class="muted"
        >of <a href="${consoleHref('merchants', merchant.merchantId)}">${merchant.name}</a></span
      >
    </h1>
    <form class="filters" method="get" role="search" aria-label="Filter ${kind.label}">
      <label>State <input name="state" value="${query.state}" data-testid="filter-state" /></label>
      <label
        >Environment
        <select name="environment">
          ${['', 'Sandbox', 'Live'].map((env) => html`<option value="${env}" ${env === query.environment ? html`selected` : ''}>${env || 'Any'}</option>`)}
        </select>
      </label>
      <label
        >Search (id, reference, email, note)
        <input name="q" value="${query.search}" data-testid="filter-search"
      /></label>
      <button type="submit">Filter</button>
    </form>
    ${table(['Id', 'State', 'Reason', 'Environment', 'Created (merchant clock)'], rows, `${kind.label}, newest first`)}`;
}

function causeCell(transition: StateTransition): SafeHtml {
  const cause = transition.cause;
  if (cause === null) return html`<span class="muted">unknown</span>`;
  if (cause.kind === 'timer') return html`timer (merchant clock)`;
  if (cause.kind === 'console') return html`console: ${cause.operation}`;
  return html`<a href="${consoleHref('requests', cause.requestId)}">${cause.operation}</a>`;
}

/** What each test instrument's behaviour simulates, in words (also the setup page's labels). */
export const SIMULATES: Readonly<Record<string, string>> = {
  Success: 'a working card',
  CheckoutBuyerCanceled: 'the buyer canceling at checkout',
  CheckoutDeclined: 'a decline at checkout',
  PendingThenAuthorized: 'a pending authorization that is then authorized',
  PendingThenHardDeclined: 'a pending authorization that is then hard declined',
};

function whyView(why: Explanation): SafeHtml {
  const items: SafeHtml[] = [];
  if (why.sca !== null)
    items.push(
      html`<li data-testid="why-sca">
        <strong>SCA: ${why.sca.outcome}</strong
        >${why.sca.exemption === null ? '' : html` (exemption ${why.sca.exemption})`} —
        ${why.sca.reason}
        <span class="muted"
          >(amount as the PSD2 thresholds saw it: ${(why.sca.amountEurCents / 100).toFixed(2)}
          EUR)</span
        >
      </li>`,
    );
  if (why.reason !== null)
    items.push(
      html`<li data-testid="why-reason">
        <strong>${why.reason.code}</strong
        >${why.reason.description === null ? '' : html` — ${why.reason.description}`}
      </li>`,
    );
  if (why.instrument !== null)
    items.push(
      html`<li data-testid="why-instrument">
        Paid with ${why.instrument.descriptor}: a test instrument that simulates
        ${SIMULATES[why.instrument.simulates] ?? why.instrument.simulates}
      </li>`,
    );
  if (why.monthly !== null)
    items.push(
      html`<li data-testid="why-monthly">
        Monthly limit: ${formatAmount(why.monthly.used)} of ${formatAmount(why.monthly.limit)}
        ${why.monthly.limit.currency} used from ${time(why.monthly.from)} to ${time(why.monthly.to)}
      </li>`,
    );
  return items.length === 0
    ? html``
    : html`<h2>Why</h2>
        <ul>
          ${items}
        </ul>`;
}

export function objectView(inspected: InspectedObject, wire: string): SafeHtml {
  const { kind, merchant } = inspected;
  const object = inspected.object as Listed;
  const labelOf = (slug: string) => OBJECT_KINDS.find((k) => k.slug === slug)?.label ?? slug;
  return html`<h1>
      ${kind.label.replace(/s( \(v1\))?$/, '$1')} <span class="muted">${object.id}</span>
    </h1>
    <p>
      ${stateBadge(object.state)} ${object.reasonCode ?? ''} · ${inspected.environment} · merchant
      <a href="${consoleHref('merchants', merchant.merchantId)}">${merchant.name}</a>
    </p>
    ${whyView(inspected.why)}
    <h2>Timeline</h2>
    ${table(
      ['Merchant clock', 'State', 'Reason', 'Caused by'],
      inspected.timeline.map(
        (t) =>
          html`<tr>
            <td>${time(t.at)}</td>
            <td>${stateBadge(t.state)}</td>
            <td>${t.reasonCode ?? ''}</td>
            <td>${causeCell(t)}</td>
          </tr>`,
      ),
      'Every state change, oldest first',
    )}
    <h2>Related objects</h2>
    ${table(
      ['Object', 'Kind', 'Link'],
      inspected.related.map(
        (r) =>
          html`<tr>
            <td><a href="${consoleHref('objects', r.kind, r.id)}">${r.id}</a></td>
            <td>${labelOf(r.kind)}</td>
            <td>${r.via === 'child' ? 'refers to this one' : r.via}</td>
          </tr>`,
      ),
      'Objects this one names, and objects that name it',
    )}
    <h2>As the API returns it (${kind.api === 'v2' ? 'JSON' : 'XML'})</h2>
    <pre data-testid="wire" tabindex="0" aria-label="API response">${wire}</pre>`;
}
