import type { ZodType } from 'zod';
import { BACK_OFFICE_OPERATION_DOCS } from './back-office-operations.js';
import {
  closeChargePermissionSchema,
  updateChargePermissionSchema,
} from '../schemas/charge-permission-schemas.js';
import {
  cancelChargeSchema,
  captureChargeSchema,
  createChargeSchema,
  createRefundSchema,
} from '../schemas/charge-schemas.js';
import {
  completeCheckoutSessionSchema,
  createCheckoutSessionSchema,
  finalizeCheckoutSessionSchema,
  updateCheckoutSessionSchema,
} from '../schemas/checkout-session-schemas.js';
import { createDeliveryTrackerSchema } from '../schemas/delivery-tracker-schemas.js';
import { PARTNER_OPERATION_DOCS } from './partner-operations.js';

/**
 * What the OpenAPI document says of each v2 route beyond its method and path: the official SDKs'
 * method name, a summary, the success statuses, and the request body schema, which is the very zod
 * schema the route validates with. Keyed `METHOD /path` as in V2_ROUTES; openapi-document.test.ts
 * fails when a route has no entry here or an entry has no route.
 */
export interface V2OperationDoc {
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** Success statuses and what each means. */
  readonly responses: Readonly<Record<string, string>>;
  readonly body?: ZodType;
}

const CHECKOUT = 'Checkout Session';
const PERMISSION = 'Charge Permission';
const CHARGE = 'Charge';
const REFUND = 'Refund';

export const V2_OPERATION_DOCS: Readonly<Record<string, V2OperationDoc>> = {
  'POST /checkoutSessions': {
    operationId: 'createCheckoutSession',
    summary: 'Create a Checkout Session (spec §8.1)',
    tag: CHECKOUT,
    responses: { '201': 'The session, Open' },
    body: createCheckoutSessionSchema,
  },
  'GET /checkoutSessions/:checkoutSessionId': {
    operationId: 'getCheckoutSession',
    summary: 'Get a Checkout Session (spec §8.2)',
    tag: CHECKOUT,
    responses: { '200': 'The session' },
  },
  'PATCH /checkoutSessions/:checkoutSessionId': {
    operationId: 'updateCheckoutSession',
    summary: 'Update a Checkout Session (spec §8.3)',
    tag: CHECKOUT,
    responses: { '200': 'The updated session' },
    body: updateCheckoutSessionSchema,
  },
  'POST /checkoutSessions/:checkoutSessionId/complete': {
    operationId: 'completeCheckoutSession',
    summary: 'Complete a Checkout Session (spec §8.4)',
    tag: CHECKOUT,
    responses: { '200': 'Completed', '202': 'The charge is pending (AuthorizationInitiated)' },
    body: completeCheckoutSessionSchema,
  },
  'POST /checkoutSessions/:checkoutSessionId/finalize': {
    operationId: 'finalizeCheckoutSession',
    summary: 'Finalize a Checkout Session (Apple Pay / additional payment button flows)',
    tag: CHECKOUT,
    responses: { '200': 'Completed', '202': 'The charge is pending (AuthorizationInitiated)' },
    body: finalizeCheckoutSessionSchema,
  },
  'GET /chargePermissions/:chargePermissionId': {
    operationId: 'getChargePermission',
    summary: 'Get a Charge Permission (spec §8.6)',
    tag: PERMISSION,
    responses: { '200': 'The charge permission' },
  },
  'PATCH /chargePermissions/:chargePermissionId': {
    operationId: 'updateChargePermission',
    summary: 'Update a Charge Permission (spec §8.7)',
    tag: PERMISSION,
    responses: { '200': 'The updated charge permission' },
    body: updateChargePermissionSchema,
  },
  'DELETE /chargePermissions/:chargePermissionId/close': {
    operationId: 'closeChargePermission',
    summary: 'Close a Charge Permission (spec §8.8)',
    tag: PERMISSION,
    responses: { '200': 'The closed charge permission' },
    body: closeChargePermissionSchema,
  },
  'POST /charges': {
    operationId: 'createCharge',
    summary: 'Create a Charge (spec §8.9, seed 004)',
    tag: CHARGE,
    responses: {
      '201': 'Authorized, Captured, or AuthorizationInitiated',
      '202': 'The buyer must pass an SCA challenge (ActionRequired / BuyerActionRequired)',
    },
    body: createChargeSchema,
  },
  'GET /charges/:chargeId': {
    operationId: 'getCharge',
    summary: 'Get a Charge (spec §8.10)',
    tag: CHARGE,
    responses: { '200': 'The charge' },
  },
  'POST /charges/:chargeId/capture': {
    operationId: 'captureCharge',
    summary: 'Capture a Charge (spec §8.11)',
    tag: CHARGE,
    responses: { '200': 'Captured or CaptureInitiated' },
    body: captureChargeSchema,
  },
  'DELETE /charges/:chargeId/cancel': {
    operationId: 'cancelCharge',
    summary: 'Cancel a Charge (spec §8.12)',
    tag: CHARGE,
    responses: { '200': 'The canceled charge' },
    body: cancelChargeSchema,
  },
  'POST /refunds': {
    operationId: 'createRefund',
    summary: 'Create a Refund (spec §8.14)',
    tag: REFUND,
    responses: { '201': 'RefundInitiated' },
    body: createRefundSchema,
  },
  'GET /refunds/:refundId': {
    operationId: 'getRefund',
    summary: 'Get a Refund (spec §8.15)',
    tag: REFUND,
    responses: { '200': 'The refund' },
  },
  'GET /buyers/:buyerToken': {
    operationId: 'getBuyer',
    summary: 'Get the buyer of an Amazon Sign-in buyer token (spec §8.16)',
    tag: 'Buyer',
    responses: { '200': 'The buyer, with the fields signInScopes allowed' },
  },
  'POST /deliveryTrackers': {
    operationId: 'deliveryTrackers',
    summary: 'Create a Delivery Tracker (spec §8.17)',
    tag: 'Delivery Tracker',
    responses: { '200': 'The tracker, as sent' },
    body: createDeliveryTrackerSchema,
  },
  ...BACK_OFFICE_OPERATION_DOCS,
  ...PARTNER_OPERATION_DOCS,
};
