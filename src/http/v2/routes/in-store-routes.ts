import {
  inStoreCharge,
  inStoreRefund,
  merchantScan,
} from '../../../app/in-store/in-store-operations.js';
import { declinedCharge } from '../declined-charge.js';
import { validateBody } from '../request-body.js';
import {
  inStoreChargeSchema,
  inStoreRefundSchema,
  merchantScanSchema,
  toInStoreChargeInput,
  toInStoreRefundInput,
  toMerchantScanInput,
} from '../schemas/in-store-schemas.js';
import { json, type V2Route } from '../v2-route.js';

/**
 * The In-Store API (issue 13). Responses carry what the SDKs read (.NET InStore MerchantScanResponse,
 * ChargeResponse, RefundResponse): the new object's id and its state. A declined charge is
 * committed and answered with its reason code, as Create Charge answers it.
 */
export const inStoreRoutes: readonly V2Route[] = [
  {
    method: 'POST',
    url: '/in-store/merchantScan',
    idempotency: 'optional',
    async handle(unit, request) {
      const input = toMerchantScanInput(validateBody(merchantScanSchema, request.body));
      const permission = await merchantScan(unit, input);
      return json(201, { chargePermissionId: permission.id });
    },
  },
  {
    method: 'POST',
    url: '/in-store/charge',
    idempotency: 'optional',
    async handle(unit, request) {
      const input = toInStoreChargeInput(validateBody(inStoreChargeSchema, request.body));
      const result = await inStoreCharge(unit, input);
      const { charge } = result;
      if (result.kind === 'Declined') return declinedCharge(charge);
      return json(201, { chargeId: charge.id, chargeStatus: { state: charge.state } });
    },
  },
  {
    method: 'POST',
    url: '/in-store/refund',
    idempotency: 'optional',
    async handle(unit, request) {
      const input = toInStoreRefundInput(validateBody(inStoreRefundSchema, request.body));
      const refund = await inStoreRefund(unit, input);
      return json(201, { refundId: refund.id, refundStatus: { state: refund.state } });
    },
  },
];
