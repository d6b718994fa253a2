import { describe, expect, it } from 'vitest';
import { money } from '../shared/money.js';
import { overchargeLimit } from './overcharge.js';

// "900% of the order amount or 500 USD/GBP/EUR and 70000 JPY (whichever is more)"
// (Amazon "Advanced one-time payment options").
describe('allowOvercharge amountLimit', () => {
  it.each([
    [money(2000, 'USD'), money(50_000, 'USD')],
    [money(10_000, 'EUR'), money(90_000, 'EUR')],
    [money(5_000, 'GBP'), money(50_000, 'GBP')],
    [money(1000, 'JPY'), money(70_000, 'JPY')],
    [money(10_000, 'JPY'), money(90_000, 'JPY')],
  ])('%o → %o', (order, limit) => {
    expect(overchargeLimit(order)).toEqual(limit);
  });
});
