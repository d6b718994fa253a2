import type { Clock } from '../app/ports.js';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand; real time never leaks into what they assert. */
export class ManualClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 0, 15, 12, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(at: number): void {
    this.current = at;
  }
}
