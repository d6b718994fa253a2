import type { RequestLogEntry } from '../../app/inspection/inspection-ports.js';
import { html, type SafeHtml } from '../pages/html.js';
import { consoleHref, stateBadge, table, time } from './console-layout.js';

/** The request log (issue 14 point 4): the list with filters, and one call in full. */
export interface RequestQuery {
  readonly merchant: string;
  readonly status: string;
  readonly search: string;
}

/**
 * JSON bodies are stored as sent (compact, the recorder does not re-serialise them on the request
 * path) and indented here, when someone looks.
 */
function readable(body: string | null): string {
  if (body === null) return '(none)';
  const start = body.trimStart()[0];
  if (start !== '{' && start !== '[') return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const statusBadge = (status: number): SafeHtml =>
  stateBadge(status >= 400 ? `${status} failed` : `${status}`);

export const requestListView = (
  entries: readonly RequestLogEntry[],
  query: RequestQuery,
): SafeHtml =>
  html`<h1>Request log</h1>
    <form class="filters" method="get" role="search" aria-label="Filter requests">
      <label>Merchant <input name="merchant" value="${query.merchant}" /></label>
      <label
        >Outcome
        <select name="status">
          ${[
            ['', 'Any'],
            ['ok', 'Succeeded'],
            ['error', 'Failed'],
          ].map(
            ([value = '', label]) =>
              html`<option value="${value}" ${value === query.status ? html`selected` : ''}>
                ${label}
              </option>`,
          )}
        </select>
      </label>
      <label
        >Request id, idempotency key, operation or path <input name="q" value="${query.search}"
      /></label>
      <button type="submit">Filter</button>
    </form>
    ${table(
      ['Time', 'Merchant', 'API', 'Operation', 'Status', 'Latency', 'Idempotency key'],
      entries.map(
        (e) =>
          html`<tr>
            <td><a href="${consoleHref('requests', e.id)}">${time(e.at)}</a></td>
            <td>${e.merchantId ?? ''}</td>
            <td>${e.api}</td>
            <td>${e.operation}</td>
            <td>${statusBadge(e.status)}</td>
            <td class="num">${e.latencyMs} ms</td>
            <td>
              ${e.idempotencyKey ?? ''}${e.replay ? html` <span class="state">replay</span>` : ''}
            </td>
          </tr>`,
      ),
      'API calls, newest first (bounded retention)',
    )}`;

export function requestView(entry: RequestLogEntry): SafeHtml {
  const signature = entry.signature;
  return html`<h1>${entry.operation} <span class="muted">${entry.id}</span></h1>
    <p>
      ${time(entry.at)} · ${entry.api} ${entry.method} ${entry.path} · ${statusBadge(entry.status)}
      · ${entry.latencyMs} ms
      ${entry.merchantId === null ? '' : html` · merchant <a href="${consoleHref('merchants', entry.merchantId)}">${entry.merchantId}</a>`}
      ${entry.idempotencyKey === null ? '' : html` · idempotency key ${entry.idempotencyKey}${entry.replay ? ' (replayed a stored response)' : ''}`}
    </p>
    ${
      signature === null
        ? ''
        : html`<h2>Signature check</h2>
            <p>
              The signature did not verify. Compare what localpay computed with what your client
              signed.
            </p>
            <div class="side">
              <div>
                <h3>Canonical request localpay computed</h3>
                <pre data-testid="canonical-request" tabindex="0">
${signature.canonicalRequest}</pre>
                <h3>String to sign</h3>
                <pre data-testid="string-to-sign" tabindex="0">${signature.stringToSign}</pre>
              </div>
              <div>
                <h3>Signed ${entry.api === 'v1' ? 'parameters' : 'headers'} as received</h3>
                ${table(
                  ['Name', 'Value'],
                  signature.signedHeaders.map(
                    (h) =>
                      html`<tr>
                        <td>${h.name}</td>
                        <td>${h.value}</td>
                      </tr>`,
                  ),
                  'What the request carried',
                )}
              </div>
            </div>`
    }
    <div class="side">
      <div>
        <h2>Request body</h2>
        <pre tabindex="0" aria-label="Request body">${readable(entry.requestBody)}</pre>
      </div>
      <div>
        <h2>Response body</h2>
        <pre tabindex="0" aria-label="Response body" data-testid="response-body">
${readable(entry.responseBody)}</pre>
      </div>
    </div>`;
}
