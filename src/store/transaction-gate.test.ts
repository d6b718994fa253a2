import { describe, expect, it } from 'vitest';
import { TransactionGate } from './transaction-gate.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the transaction gate', () => {
  it('runs the exclusive work after the shared work in flight, and holds later shared work', async () => {
    const gate = new TransactionGate();
    const log: string[] = [];
    let finishFirst = (): void => undefined;
    const first = gate.shared(async () => {
      log.push('first starts');
      await new Promise<void>((resolve) => (finishFirst = resolve));
      log.push('first ends');
    });
    const exclusive = gate.exclusive(async () => {
      log.push('exclusive');
      await tick();
      log.push('exclusive ends');
    });
    const later = gate.shared(async () => {
      log.push('later');
      await Promise.resolve();
    });
    await tick();
    expect(log).toEqual(['first starts']);
    finishFirst();
    await Promise.all([first, exclusive, later]);
    expect(log).toEqual(['first starts', 'first ends', 'exclusive', 'exclusive ends', 'later']);
  });

  it('opens again when the exclusive work fails', async () => {
    const gate = new TransactionGate();
    await expect(gate.exclusive(() => Promise.reject(new Error('refused')))).rejects.toThrow(
      'refused',
    );
    expect(await gate.shared(() => Promise.resolve('open'))).toBe('open');
  });
});
