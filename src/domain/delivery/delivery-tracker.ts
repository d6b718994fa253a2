import { DomainError } from '../shared/errors.js';
import type { ReleaseEnvironment } from '../shared/environment.js';
import type { Instant } from '../shared/time.js';
import { CARRIER_CODES } from './carrier-codes.js';

/**
 * Create Delivery Tracker (Amazon Pay "Delivery Tracker" API page; spec §8.17): a shipment's
 * tracking number and carrier, tied to the v2 Charge Permission or v1 Order Reference it ships,
 * so Amazon can tell the buyer on Alexa. "Tracking codes can only be used once." Messages are the
 * documented ones (quoted in the official v1 Node client, amazon-payments deliveryNotifications).
 */
export interface DeliveryDetail {
  readonly trackingNumber: string;
  readonly carrierCode: string;
}

export type TrackedObjectType = 'ChargePermission' | 'OrderReference';

export interface DeliveryTracker extends DeliveryDetail {
  readonly merchantId: string;
  readonly environment: ReleaseEnvironment;
  readonly objectType: TrackedObjectType;
  readonly objectId: string;
  readonly createdAt: Instant;
}

/** Docs are silent on a length; carriers' numbers are far shorter than this. */
export const MAX_TRACKING_NUMBER_LENGTH = 100;

export const parameterRequired = (name: string): DomainError =>
  new DomainError('InvalidParameterValue', `The ${name} parameter is required.`);

export const invalidTarget = (field: string): DomainError =>
  new DomainError(
    'InvalidParameterValue',
    `The ${field} that you submitted in this request is invalid.`,
  );

export const invalidDetail = (why: string): DomainError =>
  new DomainError(
    'InvalidParameterValue',
    `The trackingNumber or carrierCode that you submitted in this request is invalid: ${why}`,
  );

/** Checks one delivery detail: a tracking number, and a carrier code from Amazon's list. */
export function checkDeliveryDetail(detail: DeliveryDetail): DeliveryDetail {
  const trackingNumber = detail.trackingNumber.trim();
  if (trackingNumber === '') throw parameterRequired('trackingNumber');
  if (trackingNumber.length > MAX_TRACKING_NUMBER_LENGTH)
    throw invalidDetail(`trackingNumber is longer than ${MAX_TRACKING_NUMBER_LENGTH} characters.`);
  if (detail.carrierCode === '') throw parameterRequired('carrierCode');
  if (!CARRIER_CODES.has(detail.carrierCode))
    throw invalidDetail(`'${detail.carrierCode}' is not on Amazon Pay's carrierCode list.`);
  return { trackingNumber, carrierCode: detail.carrierCode };
}

/** Amazon gives a tracker no state; the console shows the one it has (docs silent). */
export const TRACKER_STATE = 'Created';

/**
 * A tracker's name in localpay's console (Amazon gives trackers no id): its key, the merchant,
 * environment, carrier and tracking number, joined by `~` (which no merchant id, environment or
 * carrier code contains; the tracking number comes last, so it may).
 */
export const deliveryTrackerId = (tracker: DeliveryTracker): string =>
  [tracker.merchantId, tracker.environment, tracker.carrierCode, tracker.trackingNumber].join('~');

export interface DeliveryTrackerKey {
  readonly merchantId: string;
  readonly environment: string;
  readonly carrierCode: string;
  readonly trackingNumber: string;
}

export function parseDeliveryTrackerId(id: string): DeliveryTrackerKey | undefined {
  const [merchantId, environment, carrierCode, ...rest] = id.split('~');
  if (merchantId === undefined || environment === undefined || carrierCode === undefined)
    return undefined;
  if (rest.length === 0) return undefined;
  return { merchantId, environment, carrierCode, trackingNumber: rest.join('~') };
}
