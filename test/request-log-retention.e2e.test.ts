import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * The console's request log keeps the newest LOCALPAY_REQUEST_LOG_ROWS calls (issue 14 point 4):
 * each written batch deletes as many of the oldest rows as the table holds beyond that, so the
 * table never shrinks below it nor grows past it, and no batch deletes a whole tenth of it at once
 * (that held a group commit for 13–15 ms under load: issue 16).
 */
/** Big enough that the old writer, which trimmed once per tenth of it, let the table grow past it. */
const KEEP = 20;
/** The writer's timer drains its buffer every 200 ms. */
const WRITTEN_MS = 600;

describe.each(BACKENDS)('request log retention on $name', (backend) => {
  let opened: OpenedBackend;
  let sent = 0;

  beforeAll(async () => {
    opened = await backend.open({ requestLogRetention: KEEP });
  }, 60_000);
  afterAll(() => opened.dispose());

  /** Unsigned calls: refused, and logged all the same, each with a path of its own. */
  async function call(count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      sent += 1;
      const response = await fetch(`${opened.platform.httpUrl}/v2/charges/retention-${sent}`);
      await response.arrayBuffer();
    }
    await new Promise((resolve) => setTimeout(resolve, WRITTEN_MS));
  }

  const loggedPaths = async (): Promise<string[]> => {
    const entries = await opened.platform.localpay.deps.store.transaction((tx) =>
      tx.inspection.requestLog({ limit: 100, search: 'retention-' }),
    );
    return entries.map((entry) => entry.path).sort();
  };
  const newest = (count: number): string[] =>
    Array.from({ length: count }, (_, index) => `/v2/charges/retention-${sent - index}`).sort();

  it('keeps every call while the table holds fewer than the retention', async () => {
    await call(3);
    expect(await loggedPaths()).toEqual(newest(3));
  });

  it('deletes exactly the oldest calls past the retention, batch after batch', async () => {
    await call(KEEP - 2);
    expect(await loggedPaths()).toEqual(newest(KEEP));
    for (let batch = 0; batch < 3; batch += 1) {
      await call(1);
      expect(await loggedPaths()).toEqual(newest(KEEP));
    }
    await call(2 * KEEP);
    expect(await loggedPaths()).toEqual(newest(KEEP));
  });
});
