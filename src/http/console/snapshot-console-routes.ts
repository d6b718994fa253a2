import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppDependencies, SnapshotSummary } from '../../app/ports.js';
import {
  deleteSnapshot,
  listSnapshots,
  restoreSnapshot,
  saveSnapshot,
  SnapshotConflict,
} from '../../app/snapshots/snapshot-operations.js';
import type { Csrf } from '../pages/csrf.js';
import { html } from '../pages/html.js';
import { CONSOLE_PREFIX, consoleHref, table, time } from './console-layout.js';
import type { ConsolePage } from './console-page.js';

/**
 * The Snapshots view (issue 14 point 7): save the whole store under a name, restore or delete a
 * saved one. The same operations as the admin API; every form is a POST carrying a CSRF token
 * bound to this browser, and answers with a redirect back to the list.
 */
type Form = Record<string, string | undefined>;

const PURPOSE = 'snapshots';

const rowsText = (rows: Readonly<Record<string, number>>): string => {
  const pick = [
    'merchants',
    'charges',
    'charge_permissions',
    'checkout_sessions',
    'refunds',
    'outbox',
  ];
  return pick
    .filter((table) => table in rows)
    .map((table) => `${table.replaceAll('_', ' ')} ${rows[table] ?? 0}`)
    .join(', ');
};

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

function snapshotRow(snapshot: SnapshotSummary, token: string) {
  const action = (verb: string) => consoleHref('snapshots', snapshot.name, verb);
  return html`<tr>
    <td>${snapshot.name}</td>
    <td>${time(snapshot.createdAt)}</td>
    <td>${kib(snapshot.bytes)}</td>
    <td>${rowsText(snapshot.rows)}</td>
    <td>
      <form method="post" action="${action('restore')}">
        <input type="hidden" name="csrf" value="${token}" />
        <button type="submit" data-testid="restore-${snapshot.name}">Restore</button>
      </form>
      <form method="post" action="${action('delete')}">
        <input type="hidden" name="csrf" value="${token}" />
        <button type="submit" data-testid="delete-${snapshot.name}">Delete</button>
      </form>
    </td>
  </tr>`;
}

export function snapshotConsoleRoutes(
  app: FastifyInstance,
  deps: AppDependencies,
  csrf: Csrf,
  page: ConsolePage,
): void {
  const back = (reply: FastifyReply) =>
    reply.code(303).header('location', consoleHref('snapshots')).send();
  /** A taken name or another schema's snapshot: said on a page, like the console's other refusals. */
  const refused = (reply: FastifyReply, error: SnapshotConflict) =>
    page(
      reply,
      409,
      'Not possible',
      html`<h1>Not possible</h1>
        <p>${error.message}</p>
        <p><a href="${consoleHref('snapshots')}">Back to the snapshots</a></p>`,
    );
  const act = async (reply: FastifyReply, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      if (error instanceof SnapshotConflict) return refused(reply, error);
      throw error;
    }
    return back(reply);
  };

  app.get(consoleHref('snapshots'), async (request, reply) => {
    const token = csrf.issue(request, reply, PURPOSE);
    const snapshots = await listSnapshots(deps);
    return page(
      reply,
      200,
      'Snapshots',
      html`<h1>Snapshots</h1>
        <p>
          A snapshot is the whole store: every merchant, its keys and settings, objects, clocks,
          idempotency records, IPNs and the request log. Restoring one puts all of it back at once.
        </p>
        <form method="post" action="${consoleHref('snapshots')}">
          <input type="hidden" name="csrf" value="${token}" />
          <label
            >Name
            <input
              name="name"
              required
              pattern="[a-z0-9][a-z0-9_\\-]{0,63}"
              data-testid="snapshot-name"
          /></label>
          <label class="check"
            ><input type="checkbox" name="overwrite" value="1" /> replace a snapshot of that
            name</label
          >
          <button type="submit" data-testid="save-snapshot">Save a snapshot</button>
        </form>
        ${table(
          ['Name', 'Saved', 'Size', 'Rows', ''],
          snapshots.map((snapshot) => snapshotRow(snapshot, token)),
          'Saved snapshots',
        )}`,
    );
  });

  app.post(consoleHref('snapshots'), async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    csrf.verify(request, PURPOSE, form.csrf);
    return act(reply, () =>
      saveSnapshot(deps, form.name ?? '', { overwrite: form.overwrite === '1' }),
    );
  });

  app.post(`${CONSOLE_PREFIX}/snapshots/:name/restore`, async (request, reply) => {
    csrf.verify(request, PURPOSE, ((request.body ?? {}) as Form).csrf);
    return act(reply, () => restoreSnapshot(deps, (request.params as { name: string }).name));
  });

  app.post(`${CONSOLE_PREFIX}/snapshots/:name/delete`, async (request, reply) => {
    csrf.verify(request, PURPOSE, ((request.body ?? {}) as Form).csrf);
    return act(reply, () => deleteSnapshot(deps, (request.params as { name: string }).name));
  });
}
