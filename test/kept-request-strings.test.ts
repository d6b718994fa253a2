import { describe, expect, it } from 'vitest';
import type { AppDependencies } from '../src/app/ports.js';
import { createPublicKeyDirectory } from '../src/app/public-key-directory.js';
import { createMwsKeyDirectory } from '../src/app/v1/mws-credentials.js';
import { BoundedMap } from '../src/domain/shared/bounded-map.js';
import { unsharedCopy } from '../src/domain/shared/unshared-string.js';
import { createMwsThrottle } from '../src/http/v1/mws-throttle.js';
import { createMetrics } from '../src/runtime/metrics.js';
import { heapGrowth, MIB, viewInto } from './support/heap-growth.js';

/**
 * Strings from a request that outlive it (cache keys, metric labels, throttle buckets) must not
 * keep the request: an id of 20 characters cut from a 256 KiB form body held all 256 KiB, and a
 * scanner's made-up MWS actions pinned 50 MiB in the metrics (unshared-string.ts). Each case keeps
 * 100 ids cut from 1 MiB strings: 100 MiB if the ids are views, about nothing if they are copies.
 */
const KEPT = 100;
const id = (index: number): string => viewInto(`kept-id-${String(index).padStart(12, '0')}`, MIB);
const CEILING = 8 * MIB;

describe('request strings kept after the request', () => {
  it('the measure sees a kept view: the control that keeps the ids as given', async () => {
    const kept = new Map<string, number>();
    const grown = await heapGrowth(() => {
      for (let index = 0; index < KEPT; index += 1) kept.set(id(index), index);
    });
    expect(grown).toBeGreaterThan(50 * MIB);
    kept.clear();
  });

  it('unsharedCopy is the same text, lone surrogates and all, and keeps nothing else', async () => {
    for (const text of ['', 'a', 'SetOrderAttributes', '\ud800 lone \udfff', '€ 𝄞 ü', '"\\\n'])
      expect(unsharedCopy(viewInto(text, 64))).toBe(text);
    const kept = new Map<string, number>();
    const grown = await heapGrowth(() => {
      for (let index = 0; index < KEPT; index += 1) kept.set(unsharedCopy(id(index)), index);
    });
    expect(grown).toBeLessThan(CEILING);
    expect(kept.size).toBe(KEPT);
  });

  it('BoundedMap (the configuration cache, the request log key owners)', async () => {
    const memo = new BoundedMap<number>(1_000, 128);
    const grown = await heapGrowth(() => {
      for (let index = 0; index < KEPT; index += 1) memo.set(id(index), index);
    });
    expect(grown).toBeLessThan(CEILING);
    expect(memo.get('kept-id-000000000042')).toBe(42);
  });

  it('the MWS throttle: one bucket per seller, environment and action', async () => {
    const throttle = createMwsThrottle({ kind: 'custom', burst: 1, perSecond: 1 });
    const grown = await heapGrowth(() => {
      for (let index = 0; index < KEPT; index += 1)
        expect(throttle.take(id(index), 'Sandbox', 'GetOrderReferenceDetails', 0)).toBe(true);
    });
    expect(grown).toBeLessThan(CEILING);
    // The buckets are still there: a second call in the same instant is throttled.
    expect(throttle.take('kept-id-000000000007', 'Sandbox', 'GetOrderReferenceDetails', 0)).toBe(
      false,
    );
  });

  it('the metrics: an operation label per series', async () => {
    const metrics = createMetrics();
    const grown = await heapGrowth(() => {
      for (let index = 0; index < KEPT; index += 1) metrics.observeRequest('v1', id(index), 200, 0);
    });
    expect(grown).toBeLessThan(CEILING);
    expect(await metrics.render()).toContain('operation="kept-id-000000000099"');
  });

  it('the v2 public key and MWS access key directories', async () => {
    // Every id is found; what the store answers is its own (rows read from the database).
    const deps = {
      store: {
        transaction: (work: (tx: unknown) => unknown) =>
          work({
            publicKeys: { find: () => Promise.resolve({ publicKeyId: 'stored', publicKeyPem }) },
            mwsCredentials: { find: () => Promise.resolve({ accessKeyId: 'stored' }) },
          }),
      },
    } as unknown as AppDependencies;
    const publicKeys = createPublicKeyDirectory(deps);
    const accessKeys = createMwsKeyDirectory(deps);
    const grown = await heapGrowth(async () => {
      for (let index = 0; index < KEPT; index += 1) {
        await publicKeys.lookup(id(index));
        await accessKeys.lookup(id(index));
      }
    });
    expect(grown).toBeLessThan(CEILING);
  });
});

const publicKeyPem = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
-----END PUBLIC KEY-----`;
