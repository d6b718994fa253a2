import {
  providerCreditDetails,
  providerCreditReversalDetails,
} from '../../app/v1/provider-credit-details.js';
import {
  getProviderCredit,
  getProviderCreditReversal,
  reverseProviderCredit,
} from '../../app/v1/provider-credit-operations.js';
import { read, write, type MwsAction } from './mws-actions.js';

/**
 * The Solution Provider actions (spec v1 §2.9): GetProviderCreditDetails,
 * GetProviderCreditReversalDetails and ReverseProviderCredit, with the element names of Amazon's
 * fixtures (C#/JAVA GetProviderCreditDetailsResponse.xml, ReverseProviderCreditResponse.xml).
 */
export const PROVIDER_CREDIT_ACTIONS: Readonly<Record<string, MwsAction>> = {
  GetProviderCreditDetails: read(async ({ unit, params }) => ({
    ProviderCreditDetails: providerCreditDetails(
      await getProviderCredit(unit, params.required('AmazonProviderCreditId')),
      'api',
    ),
  })),
  GetProviderCreditReversalDetails: read(async ({ unit, params }) => ({
    ProviderCreditReversalDetails: providerCreditReversalDetails(
      await getProviderCreditReversal(unit, params.required('AmazonProviderCreditReversalId')),
      'api',
    ),
  })),
  ReverseProviderCredit: write(async ({ unit, params }) => ({
    ProviderCreditReversalDetails: providerCreditReversalDetails(
      await reverseProviderCredit(unit, {
        providerCreditId: params.required('AmazonProviderCreditId'),
        referenceId: params.required('CreditReversalReferenceId'),
        amount: params.requiredMoney('CreditReversalAmount'),
        note: params.optional('CreditReversalNote'),
      }),
      'api',
    ),
  })),
};
