import { unsharedCopy } from './unshared-string.js';

/**
 * A memo whose keys may come from requests as sent: bounded in entries (past `maxEntries` it starts
 * over, which a memo of what the database holds can afford) and in key length (a longer key is
 * never kept, so its value is read through each time: a few thousand keys as long as a header or
 * a URL would otherwise be tens or hundreds of MiB). A kept key is a copy: a short id cut from a
 * long header or body would otherwise keep all of it (unshared-string.ts).
 */
export class BoundedMap<V> {
  readonly #values = new Map<string, V>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyLength: number,
  ) {}

  get(key: string): V | undefined {
    return this.#values.get(key);
  }

  get size(): number {
    return this.#values.size;
  }

  set(key: string, value: V): void {
    if (key.length > this.maxKeyLength) return;
    if (this.#values.size >= this.maxEntries) this.#values.clear();
    this.#values.set(unsharedCopy(key), value);
  }

  delete(key: string): void {
    this.#values.delete(key);
  }

  clear(): void {
    this.#values.clear();
  }
}
