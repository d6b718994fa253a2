/**
 * What lives in memory beside the store and must follow a snapshot restore: caches of rows (public
 * keys, MWS keys, the request log's key owners) and workers that write on their own (the IPN
 * dispatcher). Each registers here when it is made; a restore pauses them, replaces the store,
 * then tells them to drop what they read from the old world and carry on. A merchant reset
 * (back-office/reset-merchant.ts) replaces part of the store, and goes through here too.
 */
export interface RestoreParticipant {
  /** Before the restore: stop starting work that writes to the store; finish what is under way. */
  readonly beforeRestore?: () => Promise<void>;
  /** After the restore, or a refused one: forget what was read before it, and resume. */
  readonly afterRestore: () => void;
}

export class RestoreHooks {
  readonly #participants: RestoreParticipant[] = [];

  add(participant: RestoreParticipant): void {
    this.#participants.push(participant);
  }

  /** Another process sharing the database restored a snapshot: forget what was read before. */
  restoredElsewhere(): void {
    for (const participant of this.#participants) participant.afterRestore();
  }

  /** Runs `restore` with every participant paused; they resume whatever its outcome. */
  async around<T>(restore: () => Promise<T>): Promise<T> {
    try {
      for (const participant of this.#participants) await participant.beforeRestore?.();
      return await restore();
    } finally {
      for (const participant of this.#participants) participant.afterRestore();
    }
  }
}
