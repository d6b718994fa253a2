import type { Refund } from '../../../domain/refund/refund.js';
import { price, timestamp } from '../wire-format.js';

/** The Refund wire object (spec §4.4, §12A.2). */
export function serializeRefund(refund: Refund): Record<string, unknown> {
  return {
    refundId: refund.id,
    chargeId: refund.chargeId,
    refundAmount: price(refund.refundAmount),
    softDescriptor: `AMZ*${refund.softDescriptor ?? 'localpay'}`,
    creationTimestamp: timestamp(refund.createdAt),
    statusDetails: {
      state: refund.state,
      reasonCode: refund.reasonCode,
      reasonDescription: refund.reasonDescription,
      lastUpdatedTimestamp: timestamp(refund.lastUpdatedAt),
    },
    releaseEnvironment: refund.environment,
  };
}
