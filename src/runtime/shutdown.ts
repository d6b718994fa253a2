/**
 * A stop function for a long-running command: the first call closes (listeners, dispatcher,
 * store) and exits 0, or 1 if closing failed; later calls (a second signal, a stop message after
 * SIGINT) do nothing, so nothing is closed twice.
 */
export function closeThenExit(close: () => Promise<void>, label: string): () => void {
  let stopping = false;
  return () => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${label}: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
}
