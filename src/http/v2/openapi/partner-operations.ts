import {
  inStoreChargeSchema,
  inStoreRefundSchema,
  merchantScanSchema,
} from '../schemas/in-store-schemas.js';
import {
  claimAccountSchema,
  createStoreSchema,
  registerAccountSchema,
  storeSchema,
  updateAccountSchema,
  updateChargeSchema,
} from '../schemas/partner-schemas.js';
import type { V2OperationDoc } from './v2-operations.js';

/**
 * The OpenAPI entries of the partner and in-store routes (issue 13), spread into
 * V2_OPERATION_DOCS. operationIds are the SDKs' method names (PHP's where the Node SDK's are
 * ambiguous, e.g. InStoreClient.charge is `instoreCharge`).
 */
const PARTNERS = 'Partners';
const ACCOUNTS = 'Merchant Accounts';
const IN_STORE = 'In-Store';

export const PARTNER_OPERATION_DOCS: Readonly<Record<string, V2OperationDoc>> = {
  'PATCH /charges/:chargeId': {
    operationId: 'updateCharge',
    summary: 'Update a Charge: a payment service provider reports the outcome it processed',
    tag: 'Charge',
    responses: { '200': 'The charge in its new state' },
    body: updateChargeSchema,
  },
  'GET /authorizationTokens/:mwsAuthToken': {
    operationId: 'getAuthorizationToken',
    summary: "Exchange a merchant's MWS auth token for an x-amz-pay-authtoken (query: merchantId)",
    tag: PARTNERS,
    responses: { '200': '{ authorizationToken }' },
  },
  'POST /merchantAccounts': {
    operationId: 'createMerchantAccount',
    summary: 'Register a merchant account (also registerAmazonPayAccount), solution providers only',
    tag: ACCOUNTS,
    responses: { '201': '{ merchantAccountId, uniqueReferenceId }' },
    body: registerAccountSchema,
  },
  'PATCH /merchantAccounts/:merchantAccountId': {
    operationId: 'updateMerchantAccount',
    summary: 'Update a merchant account until it is claimed (also updateAmazonPayAccount)',
    tag: ACCOUNTS,
    responses: { '200': '{ merchantAccountId, uniqueReferenceId }' },
    body: updateAccountSchema,
  },
  'DELETE /merchantAccounts/:merchantAccountId': {
    operationId: 'deleteAmazonPayAccount',
    summary: "Delete a merchant account; ends the provider's delegation",
    tag: ACCOUNTS,
    responses: { '200': '{ merchantAccountId, uniqueReferenceId }' },
  },
  'POST /merchantAccounts/:merchantAccountId/claim': {
    operationId: 'merchantAccountClaim',
    summary: 'Start the claim of a merchant account',
    tag: ACCOUNTS,
    responses: { '303': 'Location: the page where the merchant claims the account' },
    body: claimAccountSchema,
  },
  'POST /merchantAccounts/:merchantAccountId/stores': {
    operationId: 'createStore',
    summary: 'Create a store of a merchant account (PHP SDK createStore)',
    tag: ACCOUNTS,
    responses: { '201': 'The store, with its storeId' },
    body: createStoreSchema,
  },
  'PATCH /merchantAccounts/:merchantAccountId/stores/:storeId': {
    operationId: 'updateStore',
    summary: 'Update a store of a merchant account (PHP SDK updateStore)',
    tag: ACCOUNTS,
    responses: { '200': 'The store' },
    body: storeSchema,
  },
  'POST /in-store/merchantScan': {
    operationId: 'instoreMerchantScan',
    summary: "Scan a buyer's code (sandbox: LOCALPAY-SCAN-<card ending>)",
    tag: IN_STORE,
    responses: { '201': '{ chargePermissionId }' },
    body: merchantScanSchema,
  },
  'POST /in-store/charge': {
    operationId: 'instoreCharge',
    summary: 'Charge a scanned code, captured at once',
    tag: IN_STORE,
    responses: { '201': '{ chargeId, chargeStatus: { state } }' },
    body: inStoreChargeSchema,
  },
  'POST /in-store/refund': {
    operationId: 'instoreRefund',
    summary: 'Refund an in-store charge',
    tag: IN_STORE,
    responses: { '201': '{ refundId, refundStatus: { state } }' },
    body: inStoreRefundSchema,
  },
};
