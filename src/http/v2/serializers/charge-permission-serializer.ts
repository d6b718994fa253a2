import type { ChargePermission } from '../../../domain/charge-permission/charge-permission.js';
import { subtract } from '../../../domain/shared/money.js';
import {
  address,
  buyer,
  merchantMetadata,
  optionalTimestamp,
  paymentPreferences,
  price,
  timestamp,
} from '../wire-format.js';

/** The Charge Permission wire object (spec §4.2, §12A.2); reasons is null while Chargeable. */
export function serializeChargePermission(permission: ChargePermission): Record<string, unknown> {
  const { limits } = permission;
  return {
    chargePermissionId: permission.id,
    chargePermissionType: permission.type,
    recurringMetadata:
      permission.recurringMetadata === null
        ? null
        : {
            frequency: permission.recurringMetadata.frequency,
            amount: price(permission.recurringMetadata.amount),
          },
    limits:
      limits === null
        ? null
        : {
            amountLimit: price(limits.amountLimit),
            amountBalance: price(subtract(limits.amountLimit, limits.amountCharged)),
          },
    presentmentCurrency: permission.presentmentCurrency,
    buyer: buyer(permission.buyer),
    shippingAddress: address(permission.shippingAddress),
    billingAddress: address(permission.billingAddress),
    paymentPreferences: paymentPreferences(permission.paymentInstrument),
    merchantMetadata: merchantMetadata(permission.merchantMetadata),
    platformId: permission.platformId,
    statusDetails: {
      state: permission.state,
      reasons:
        permission.reasons === null
          ? null
          : permission.reasons.map((r) => ({
              reasonCode: r.reasonCode,
              reasonDescription: r.reasonDescription,
            })),
      lastUpdatedTimestamp: timestamp(permission.lastUpdatedAt),
    },
    creationTimestamp: timestamp(permission.createdAt),
    expirationTimestamp: optionalTimestamp(permission.expiresAt),
    releaseEnvironment: permission.environment,
  };
}
