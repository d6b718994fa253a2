import { orderReferenceDetails } from '../../app/v1/v1-details.js';
import {
  cancelOrderReference,
  closeOrderReference,
  confirmOrderReference,
  getOrderReferenceDetails,
  setOrderAttributes,
  setOrderReferenceDetails,
} from '../../app/v1/v1-order-reference-operations.js';
import type { OrderAttributesPatch } from '../../domain/order-reference/order-reference-operations.js';
import { read, write, type MwsAction } from './mws-actions.js';
import type { MwsParams } from './mws-params.js';

/** SetOrderReferenceDetails' `OrderReferenceAttributes.*` or SetOrderAttributes' `OrderAttributes.*` (spec v1 §2.6). */
export function orderAttributesPatch(params: MwsParams, prefix: string): OrderAttributesPatch {
  const p = (name: string): string => `${prefix}.${name}`;
  const pspId = params.optional(p('PaymentServiceProviderAttributes.PaymentServiceProviderId'));
  const pspOrder = params.optional(
    p('PaymentServiceProviderAttributes.PaymentServiceProviderOrderId'),
  );
  const rpa = params.optional(p('RequestPaymentAuthorization'));
  return {
    orderTotal: params.money(p('OrderTotal')) ?? undefined,
    sellerNote: params.patchValue(p('SellerNote')),
    platformId: params.patchValue(p('PlatformId')),
    sellerOrderAttributes: {
      sellerOrderId: params.patchValue(p('SellerOrderAttributes.SellerOrderId')),
      storeName: params.patchValue(p('SellerOrderAttributes.StoreName')),
      customInformation: params.patchValue(p('SellerOrderAttributes.CustomInformation')),
      // PHP and Python send it one level up, Java and Ruby inside SellerOrderAttributes (spec v1 §2.7).
      supplementaryData:
        params.firstOf(p('SellerOrderAttributes.SupplementaryData'), p('SupplementaryData')) ??
        undefined,
      orderItemCategories: params.list(
        p('SellerOrderAttributes.OrderItemCategories.OrderItemCategory'),
      ),
    },
    requestPaymentAuthorization:
      rpa === null ? undefined : params.boolean(p('RequestPaymentAuthorization'), false),
    paymentServiceProvider:
      pspId === null && pspOrder === null ? undefined : { id: pspId, orderId: pspOrder },
  };
}

const details = (oro: Parameters<typeof orderReferenceDetails>[0], reveal = false) => ({
  OrderReferenceDetails: orderReferenceDetails(oro, { reveal }),
});

export const ORDER_REFERENCE_ACTIONS: Readonly<Record<string, MwsAction>> = {
  GetOrderReferenceDetails: read(async ({ unit, params }) => {
    const { orderReference, reveal } = await getOrderReferenceDetails(
      unit,
      params.required('AmazonOrderReferenceId'),
      {
        accessToken: params.optional('AccessToken'),
        addressConsentToken: params.optional('AddressConsentToken'),
      },
    );
    return details(orderReference, reveal);
  }),
  SetOrderReferenceDetails: write(async ({ unit, params }) =>
    details(
      await setOrderReferenceDetails(
        unit,
        params.required('AmazonOrderReferenceId'),
        orderAttributesPatch(params, 'OrderReferenceAttributes'),
      ),
    ),
  ),
  SetOrderAttributes: write(async ({ unit, params }) =>
    details(
      await setOrderAttributes(
        unit,
        params.required('AmazonOrderReferenceId'),
        orderAttributesPatch(params, 'OrderAttributes'),
      ),
    ),
  ),
  ConfirmOrderReference: write(async ({ unit, params }) => {
    await confirmOrderReference(unit, params.required('AmazonOrderReferenceId'), {
      successUrl: params.optional('SuccessUrl'),
      failureUrl: params.optional('FailureUrl'),
      authorizationAmount: params.money('AuthorizationAmount'),
      expectImmediateAuthorization: params.boolean('ExpectImmediateAuthorization', false),
    });
    return undefined;
  }),
  CancelOrderReference: write(async ({ unit, params }) => {
    await cancelOrderReference(
      unit,
      params.required('AmazonOrderReferenceId'),
      params.optional('CancelationReason'),
    );
    return {};
  }),
  CloseOrderReference: write(async ({ unit, params }) => {
    await closeOrderReference(
      unit,
      params.required('AmazonOrderReferenceId'),
      params.optional('ClosureReason'),
    );
    return undefined;
  }),
};
