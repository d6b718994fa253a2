/**
 * Lets a PostgreSQL snapshot restore have the store to itself within this process: units of work
 * pass the gate side by side (shared), a restore waits until those in flight have finished and
 * holds new ones at the gate until it is done (exclusive). Without it, a unit that began before
 * the restore and still needs a table the restore has already locked would deadlock with it, and
 * PostgreSQL would abort one of the two: an API request answered 500. Per unit, the cost is a
 * counter and a comparison.
 */
export class TransactionGate {
  #active = 0;
  #closing: Promise<void> | null = null;
  #drained: (() => void) | null = null;

  async shared<T>(work: () => Promise<T>): Promise<T> {
    while (this.#closing !== null) await this.#closing;
    this.#active += 1;
    try {
      return await work();
    } finally {
      this.#active -= 1;
      if (this.#active === 0) this.#drained?.();
    }
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.#closing !== null) await this.#closing;
    let open = (): void => undefined;
    this.#closing = new Promise((resolve) => (open = resolve));
    try {
      while (this.#active > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
      return await work();
    } finally {
      this.#drained = null;
      this.#closing = null;
      open();
    }
  }
}
