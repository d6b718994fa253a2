import type { RecurringMetadata } from '../checkout-session/checkout-session.js';
import { addMonths, DAY, type Instant } from '../shared/time.js';

/**
 * When a Recurring Charge Permission expires. Amazon uses recurringMetadata "only ... to calculate
 * the Charge Permission expiration date and in buyer communication" (Amazon "Update info
 * post-checkout" and Charge Permission pages) without publishing the formula; a secondary summary
 * says 13 months, extended by charges (spec §4.2). localpay's rule (docs silent on the formula: our
 * choice): from its creation or its latest charge, the permission lives 13 months or two billing
 * periods of its frequency, whichever is longer; without a fixed frequency (Variable, or none) 13
 * months. So a yearly subscription survives a year without charges, and Update Charge Permission
 * with a new frequency moves the expiry.
 */
export const RECURRING_MINIMUM_MONTHS = 13;

export function recurringExpiry(
  anchor: Instant,
  frequency: RecurringMetadata['frequency'] | undefined,
): Instant {
  const minimum = addMonths(anchor, RECURRING_MINIMUM_MONTHS);
  const periods = frequency ? twoPeriods(anchor, frequency.unit, Number(frequency.value)) : null;
  return periods === null ? minimum : Math.max(minimum, periods);
}

function twoPeriods(anchor: Instant, unit: string, value: number): Instant | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  switch (unit) {
    case 'Year':
      return addMonths(anchor, 24 * value);
    case 'Month':
      return addMonths(anchor, 2 * value);
    case 'Week':
      return anchor + 14 * value * DAY;
    case 'Day':
      return anchor + 2 * value * DAY;
    default:
      return null;
  }
}
