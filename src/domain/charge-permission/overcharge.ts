import { majorUnits, type Money } from '../shared/money.js';

/**
 * allowOvercharge: "Amazon Pay will automatically adjust the Charge Permission amountLimit to
 * either 900% of the order amount or 500 USD/GBP/EUR and 70000 JPY (whichever is more)" (Amazon
 * "Advanced one-time payment options", amazon-pay-checkout/advanced-one-time-payment-options.html).
 * For the other presentment currencies the page is silent: 500 units of that currency (our choice).
 */
export function overchargeLimit(orderAmount: Money): Money {
  const floor = majorUnits(orderAmount.currency === 'JPY' ? 70_000 : 500, orderAmount.currency);
  const ninefold = orderAmount.minor * 9;
  return ninefold > floor.minor ? { ...orderAmount, minor: ninefold } : floor;
}
