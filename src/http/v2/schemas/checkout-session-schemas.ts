import { z } from 'zod';
import type { FinalizeCheckoutSessionInput } from '../../../app/finalize-checkout-session.js';
import {
  CHARGE_PERMISSION_TYPES,
  PAYMENT_INTENTS,
  PRODUCT_TYPES,
  SCOPES,
} from '../../../domain/checkout-session/checkout-session.js';
import type { RecurringMetadata } from '../../../domain/checkout-session/checkout-session.js';
import type {
  CheckoutSessionChanges,
  CompleteCheckoutSessionInput,
  CreateCheckoutSessionInput,
} from '../../../domain/checkout-session/checkout-session-operations.js';
import { isCurrency } from '../../../domain/shared/money.js';
import { invalidParameter } from '../../../domain/shared/errors.js';
import {
  addressSchema,
  booleanSchema,
  merchantMetadataSchema,
  optionalMoney,
  priceSchema,
  providerMetadataSchema,
  toAddress,
  toMoney,
} from './common-schemas.js';

/** Request bodies of the Checkout Session operations (spec §8.1–§8.5). */

const webCheckoutDetailsSchema = z.strictObject({
  checkoutReviewReturnUrl: z.string().nullish(),
  checkoutResultReturnUrl: z.string().nullish(),
  checkoutCancelUrl: z.string().nullish(),
  checkoutMode: z.literal('ProcessOrder').nullish(),
});

const paymentDetailsSchema = z.strictObject({
  paymentIntent: z.enum(PAYMENT_INTENTS).nullish(),
  canHandlePendingAuthorization: booleanSchema.nullish(),
  chargeAmount: priceSchema.nullish(),
  totalOrderAmount: priceSchema.nullish(),
  softDescriptor: z.string().nullish(),
  presentmentCurrency: z.string().nullish(),
  allowOvercharge: booleanSchema.nullish(),
  extendExpiration: booleanSchema.nullish(),
  // Request-only hint for APB flows; accepted and not stored.
  estimateOrderTotal: priceSchema.nullish(),
});

export const recurringMetadataSchema = z.strictObject({
  frequency: z
    .strictObject({
      unit: z.enum(['Year', 'Month', 'Week', 'Day', 'Variable']),
      value: z.union([z.string(), z.number()]),
    })
    .nullish(),
  amount: priceSchema.nullish(),
});

const changesShape = {
  webCheckoutDetails: webCheckoutDetailsSchema.optional(),
  paymentDetails: paymentDetailsSchema.optional(),
  chargePermissionType: z.enum(CHARGE_PERMISSION_TYPES).optional(),
  recurringMetadata: recurringMetadataSchema.nullish(),
  merchantMetadata: merchantMetadataSchema.optional(),
  platformId: z.string().max(256).nullish(),
  providerMetadata: providerMetadataSchema.optional(),
  supplementaryData: z.string().max(4096).nullish(),
  // Multi-address checkout is not emulated; the field is accepted so such payloads still validate.
  multiAddressesCheckoutMetadata: z.array(z.unknown()).nullish(),
};

export const createCheckoutSessionSchema = z.strictObject({
  ...changesShape,
  webCheckoutDetails: webCheckoutDetailsSchema,
  storeId: z.string().min(1),
  productType: z.enum(PRODUCT_TYPES).optional(),
  scopes: z.array(z.enum(SCOPES)).optional(),
  paymentMethodOnFileMetadata: z.strictObject({ setupOnly: booleanSchema.optional() }).optional(),
  deliverySpecifications: z.record(z.string(), z.unknown()).nullish(),
  addressDetails: addressSchema.optional(),
  chargePermissionId: z.string().optional(),
});

export const updateCheckoutSessionSchema = z.strictObject(changesShape);

type ChangesBody = z.output<typeof updateCheckoutSessionSchema>;

function toChanges(body: ChangesBody): CheckoutSessionChanges {
  const payment = body.paymentDetails;
  const presentment = payment?.presentmentCurrency;
  if (presentment !== undefined && presentment !== null && !isCurrency(presentment))
    throw invalidParameter(
      'paymentDetails.presentmentCurrency',
      `'${presentment}' is not a supported currency.`,
    );
  const recurring = body.recurringMetadata;
  return {
    webCheckoutDetails: body.webCheckoutDetails && {
      checkoutReviewReturnUrl: body.webCheckoutDetails.checkoutReviewReturnUrl,
      checkoutResultReturnUrl: body.webCheckoutDetails.checkoutResultReturnUrl,
      checkoutCancelUrl: body.webCheckoutDetails.checkoutCancelUrl,
      checkoutMode: body.webCheckoutDetails.checkoutMode,
    },
    paymentDetails: payment && {
      paymentIntent: payment.paymentIntent,
      canHandlePendingAuthorization: payment.canHandlePendingAuthorization ?? undefined,
      chargeAmount: optionalMoney(payment.chargeAmount, 'paymentDetails.chargeAmount'),
      totalOrderAmount: optionalMoney(payment.totalOrderAmount, 'paymentDetails.totalOrderAmount'),
      softDescriptor: payment.softDescriptor,
      presentmentCurrency:
        presentment !== undefined && presentment !== null && isCurrency(presentment)
          ? presentment
          : undefined,
      allowOvercharge: payment.allowOvercharge ?? undefined,
      extendExpiration: payment.extendExpiration ?? undefined,
    },
    chargePermissionType: body.chargePermissionType,
    recurringMetadata:
      recurring === undefined
        ? undefined
        : recurring === null
          ? null
          : toRecurringMetadata(recurring),
    merchantMetadata: body.merchantMetadata,
    platformId: body.platformId,
    providerReferenceId: body.providerMetadata?.providerReferenceId,
    supplementaryData: body.supplementaryData,
  };
}

export function toCreateCheckoutSessionInput(
  body: z.output<typeof createCheckoutSessionSchema>,
): CreateCheckoutSessionInput {
  return {
    ...toChanges(body),
    storeId: body.storeId,
    productType: body.productType,
    paymentMethodOnFileMetadata: body.paymentMethodOnFileMetadata && {
      setupOnly: body.paymentMethodOnFileMetadata.setupOnly ?? false,
    },
    scopes: body.scopes,
    deliverySpecifications: body.deliverySpecifications ?? undefined,
    addressDetails: body.addressDetails && toAddress(body.addressDetails),
    chargePermissionId: body.chargePermissionId,
  };
}

export const toCheckoutSessionChanges = (body: ChangesBody): CheckoutSessionChanges =>
  toChanges(body);

export const completeCheckoutSessionSchema = z.strictObject({
  chargeAmount: priceSchema.optional(),
  totalOrderAmount: priceSchema.optional(),
});

export const toCompleteInput = (
  body: z.output<typeof completeCheckoutSessionSchema>,
): CompleteCheckoutSessionInput => ({
  chargeAmount: body.chargeAmount && toMoney(body.chargeAmount, 'chargeAmount'),
  totalOrderAmount: body.totalOrderAmount && toMoney(body.totalOrderAmount, 'totalOrderAmount'),
});

export const finalizeCheckoutSessionSchema = z.strictObject({
  chargeAmount: priceSchema,
  totalOrderAmount: priceSchema.optional(),
  paymentIntent: z.enum(PAYMENT_INTENTS),
  canHandlePendingAuthorization: booleanSchema.optional(),
  supplementaryData: z.string().max(4096).nullish(),
  shippingAddress: addressSchema.optional(),
  billingAddress: addressSchema.optional(),
});

export const toFinalizeInput = (
  body: z.output<typeof finalizeCheckoutSessionSchema>,
): FinalizeCheckoutSessionInput => ({
  chargeAmount: toMoney(body.chargeAmount, 'chargeAmount'),
  totalOrderAmount: body.totalOrderAmount && toMoney(body.totalOrderAmount, 'totalOrderAmount'),
  paymentIntent: body.paymentIntent,
  canHandlePendingAuthorization: body.canHandlePendingAuthorization,
  supplementaryData: body.supplementaryData,
  shippingAddress: body.shippingAddress && toAddress(body.shippingAddress),
  billingAddress: body.billingAddress && toAddress(body.billingAddress),
});

/** recurringMetadata as the domain keeps it: `frequency.value` as a string (spec §3.4). */
export const toRecurringMetadata = (
  recurring: z.output<typeof recurringMetadataSchema>,
): RecurringMetadata => ({
  frequency: recurring.frequency
    ? { unit: recurring.frequency.unit, value: String(recurring.frequency.value) }
    : null,
  amount: optionalMoney(recurring.amount, 'recurringMetadata.amount') ?? null,
});
