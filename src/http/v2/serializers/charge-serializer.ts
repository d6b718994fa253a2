import type { Charge } from '../../../domain/charge/charge.js';
import {
  conversionOfCharge,
  formatConversion,
  type ConversionTable,
} from '../../../domain/charge/currency-conversion.js';
import type { BuyerLinks } from '../../buyer-links.js';
import { merchantMetadataOrNull, price, timestamp } from '../wire-format.js';

/** The Charge wire object (spec §4.3, §12A.2; seed 004 for webCheckoutDetails on 202). */
export function serializeCharge(
  charge: Charge,
  links: BuyerLinks,
  rates: ConversionTable,
): Record<string, unknown> {
  const web = charge.webCheckoutDetails;
  const conversion = conversionOfCharge(charge, rates);
  const converted = conversion === null ? null : formatConversion(conversion);
  return {
    chargeId: charge.id,
    chargePermissionId: charge.chargePermissionId,
    chargeInitiator: charge.chargeInitiator,
    channel: charge.channel,
    chargeAmount: price(charge.chargeAmount),
    captureAmount: price(charge.captureAmount),
    refundedAmount: price(charge.refundedAmount),
    // Strings, as seed 004 shows them ("14.00", "1.00"); null on Declined and Canceled charges.
    convertedAmount: converted?.convertedAmount ?? null,
    conversionRate: converted?.conversionRate ?? null,
    // As sent: seed 004's examples echo "Descriptor" (the processor adds "AMZ* ", not the API).
    softDescriptor: charge.softDescriptor,
    captureNow: charge.captureNow,
    canHandlePendingAuthorization: charge.canHandlePendingAuthorization,
    merchantMetadata: merchantMetadataOrNull(charge.merchantMetadata),
    providerMetadata: { providerReferenceId: charge.providerReferenceId },
    platformId: charge.platformId,
    webCheckoutDetails:
      web === null
        ? null
        : {
            checkoutResultReturnUrl: web.checkoutResultReturnUrl,
            amazonPayRedirectUrl:
              charge.state === 'ActionRequired' && web.checkoutSessionId !== null
                ? links.checkoutProcessing(web.checkoutSessionId)
                : null,
          },
    statusDetails: {
      state: charge.state,
      reasonCode: charge.reasonCode,
      reasonDescription: charge.reasonDescription,
      lastUpdatedTimestamp: timestamp(charge.lastUpdatedAt),
    },
    creationTimestamp: timestamp(charge.createdAt),
    expirationTimestamp: timestamp(charge.expiresAt),
    releaseEnvironment: charge.environment,
  };
}
