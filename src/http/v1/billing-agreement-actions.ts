import {
  authorizeOnBillingAgreement,
  billingAgreementLimits,
  closeBillingAgreement,
  confirmBillingAgreement,
  createOrderReferenceForId,
  getBillingAgreementDetails,
  setBillingAgreementDetails,
  validateBillingAgreement,
} from '../../app/v1/v1-billing-agreement-operations.js';
import {
  authorizationDetails,
  billingAgreementDetails,
  orderReferenceDetails,
  timestamp,
} from '../../app/v1/v1-details.js';
import {
  BILLING_AGREEMENT_TYPES,
  type BillingAgreementType,
} from '../../domain/billing-agreement/billing-agreement.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import { read, write, type MwsAction } from './mws-actions.js';
import type { MwsParams } from './mws-params.js';
import { orderAttributesPatch } from './order-reference-actions.js';

function agreementType(params: MwsParams): BillingAgreementType | undefined {
  const value = params.optional('BillingAgreementAttributes.BillingAgreementType');
  if (value === null) return undefined;
  const found = BILLING_AGREEMENT_TYPES.find((t) => t === value);
  if (found === undefined)
    throw invalidParameter(
      'BillingAgreementAttributes.BillingAgreementType',
      `use ${BILLING_AGREEMENT_TYPES.join(' or ')}.`,
    );
  return found;
}

export const BILLING_AGREEMENT_ACTIONS: Readonly<Record<string, MwsAction>> = {
  GetBillingAgreementDetails: read(async ({ unit, params }) => {
    const { billingAgreement, limits, reveal } = await getBillingAgreementDetails(
      unit,
      params.required('AmazonBillingAgreementId'),
      {
        accessToken: params.optional('AccessToken'),
        addressConsentToken: params.optional('AddressConsentToken'),
      },
    );
    return {
      BillingAgreementDetails: billingAgreementDetails(billingAgreement, limits, { reveal }),
    };
  }),
  SetBillingAgreementDetails: write(async ({ unit, params }) => {
    const p = (name: string): string => `BillingAgreementAttributes.${name}`;
    const ba = await setBillingAgreementDetails(unit, params.required('AmazonBillingAgreementId'), {
      sellerNote: params.patchValue(p('SellerNote')),
      platformId: params.patchValue(p('PlatformId')),
      sellerAttributes:
        params.firstOf(
          p('SellerBillingAgreementAttributes.SellerBillingAgreementId'),
          p('SellerBillingAgreementAttributes.StoreName'),
          p('SellerBillingAgreementAttributes.CustomInformation'),
        ) === null
          ? undefined
          : {
              sellerBillingAgreementId: params.patchValue(
                p('SellerBillingAgreementAttributes.SellerBillingAgreementId'),
              ),
              storeName: params.patchValue(p('SellerBillingAgreementAttributes.StoreName')),
              customInformation: params.patchValue(
                p('SellerBillingAgreementAttributes.CustomInformation'),
              ),
            },
      billingAgreementType: agreementType(params),
      subscriptionAmount: params.money(p('SubscriptionAmount')) ?? undefined,
    });
    return {
      BillingAgreementDetails: billingAgreementDetails(ba, await billingAgreementLimits(unit, ba), {
        reveal: false,
      }),
    };
  }),
  ConfirmBillingAgreement: write(async ({ unit, params }) => {
    await confirmBillingAgreement(unit, params.required('AmazonBillingAgreementId'), {
      successUrl: params.optional('SuccessUrl'),
      failureUrl: params.optional('FailureUrl'),
    });
    return {};
  }),
  ValidateBillingAgreement: write(async ({ unit, params }) => {
    const outcome = await validateBillingAgreement(
      unit,
      params.required('AmazonBillingAgreementId'),
    );
    const ba = outcome.billingAgreement;
    return {
      ValidationResult: outcome.result,
      FailureReasonCode: outcome.failureReasonCode,
      BillingAgreementStatus: {
        State: ba.state,
        LastUpdatedTimestamp: timestamp(ba.lastUpdatedAt),
        ReasonCode: ba.reasonCode,
        ReasonDescription: ba.reasonDescription,
      },
    };
  }),
  CloseBillingAgreement: write(async ({ unit, params }) => {
    await closeBillingAgreement(
      unit,
      params.required('AmazonBillingAgreementId'),
      params.optional('ClosureReason'),
    );
    return {};
  }),
  CreateOrderReferenceForId: write(async ({ unit, params }) => {
    const idType = params.optional('IdType') ?? 'BillingAgreement';
    if (idType !== 'BillingAgreement')
      throw invalidParameter('IdType', 'only BillingAgreement is supported.');
    const oro = await createOrderReferenceForId(unit, {
      billingAgreementId: params.required('Id'),
      inheritShippingAddress: params.boolean('InheritShippingAddress', true),
      confirmNow: params.boolean('ConfirmNow', false),
      attributes: orderAttributesPatch(params, 'OrderReferenceAttributes'),
    });
    return { OrderReferenceDetails: orderReferenceDetails(oro, { reveal: false }) };
  }),
  AuthorizeOnBillingAgreement: write(async ({ unit, params }) => {
    const { authorization, orderReferenceId } = await authorizeOnBillingAgreement(unit, {
      billingAgreementId: params.required('AmazonBillingAgreementId'),
      referenceId: params.required('AuthorizationReferenceId'),
      amount: params.requiredMoney('AuthorizationAmount'),
      sellerAuthorizationNote: params.optional('SellerAuthorizationNote'),
      softDescriptor: params.optional('SoftDescriptor'),
      captureNow: params.boolean('CaptureNow', false),
      transactionTimeout: params.integer('TransactionTimeout', 1440),
      inheritShippingAddress: params.boolean('InheritShippingAddress', true),
      providerCredits: params.providerList('ProviderCreditList', 'CreditAmount'),
      attributes: {
        sellerNote: params.patchValue('SellerNote'),
        platformId: params.patchValue('PlatformId'),
        sellerOrderAttributes: {
          sellerOrderId: params.patchValue('SellerOrderAttributes.SellerOrderId'),
          storeName: params.patchValue('SellerOrderAttributes.StoreName'),
          customInformation: params.patchValue('SellerOrderAttributes.CustomInformation'),
          supplementaryData: params.patchValue('SellerOrderAttributes.SupplementaryData'),
        },
      },
    });
    return {
      AuthorizationDetails: authorizationDetails(authorization, unit.merchant.name),
      AmazonOrderReferenceId: orderReferenceId,
    };
  }),
};
