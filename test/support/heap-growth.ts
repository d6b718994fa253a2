import v8 from 'node:v8';
import vm from 'node:vm';

// A context made after the flag is set has V8's `gc()`; the test process was started without it.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const settledHeap = (): number => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/** Bytes of JavaScript heap that `act` leaves reachable, measured after full collections. */
export async function heapGrowth(act: () => unknown): Promise<number> {
  const before = settledHeap();
  await act();
  return settledHeap() - before;
}

/**
 * `text` as a request's field is: a view cut from a much longer string (a form body, a header),
 * which V8 keeps alive for as long as the view is (src/domain/shared/unshared-string.ts).
 */
export function viewInto(text: string, surroundingLength: number): string {
  const whole = 'x'.repeat(surroundingLength) + text;
  return whole.slice(surroundingLength);
}

export const MIB = 1024 * 1024;
