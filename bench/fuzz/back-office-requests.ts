import fc from 'fast-check';
import { hostileString, encodeComponent } from './hostile-values.js';
import { idFrom, queryString, type FuzzPool } from './fuzz-case.js';

/**
 * v2 back-office operations (issue 12: reports, schedules, disbursements, disputes, files,
 * delivery trackers) as operations for v2-requests.ts: valid-ish bodies and listing filters.
 */
const time = fc.oneof(
  fc.constantFrom(
    '20261101T000000Z',
    '2026-11-01T00:00:00Z',
    '20261201T000000Z',
    '99991231T235959Z',
    '0',
    '',
  ),
  hostileString,
);
const reportType = fc.oneof(
  fc.constantFrom(
    '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
    '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
    '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
  ),
  hostileString,
);

type Operation = { method: string; path: string; body: unknown };

export function backOfficeOperations(
  pool: FuzzPool,
  price: fc.Arbitrary<unknown>,
): fc.Arbitrary<Operation> {
  const charge = idFrom(pool.chargeIds, hostileString);
  const permission = idFrom(pool.chargePermissionIds, hostileString);
  const id = hostileString.map((value) => encodeComponent(value) || 'x');
  const op = (
    method: string,
    path: fc.Arbitrary<string>,
    body: fc.Arbitrary<unknown> = fc.constant(undefined),
  ) => fc.record({ method: fc.constant(method), path, body });
  const filters = queryString(
    [
      'reportTypes',
      'processingStatuses',
      'createdSince',
      'createdUntil',
      'pageSize',
      'nextToken',
      'startTime',
      'endTime',
    ],
    fc.oneof(
      fc.constantFrom('1', '100', '-1', '1e9', 'IN_PROGRESS,DONE', '20261101T000000Z'),
      hostileString,
    ),
  );
  return fc.oneof(
    op('POST', fc.constant('/reports'), fc.record({ reportType, startTime: time, endTime: time })),
    op(
      'GET',
      filters.map((q) => `/reports${q}`),
    ),
    op(
      'GET',
      id.map((r) => `/reports/${r}`),
    ),
    op(
      'GET',
      id.map((r) => `/report-documents/${r}`),
    ),
    op(
      'POST',
      fc.constant('/report-schedules'),
      fc.record(
        {
          reportType,
          scheduleFrequency: fc.oneof(
            fc.constantFrom('P1D', 'PT84H', 'P7D', 'P30D'),
            hostileString,
          ),
          nextReportCreationTime: time,
          deleteExistingSchedule: fc.boolean(),
        },
        { requiredKeys: ['reportType', 'scheduleFrequency'] },
      ),
    ),
    op(
      'GET',
      filters.map((q) => `/report-schedules${q}`),
    ),
    op(
      'GET',
      id.map((r) => `/report-schedules/${r}`),
    ),
    op(
      'DELETE',
      id.map((r) => `/report-schedules/${r}`),
    ),
    op(
      'GET',
      filters.map((q) => `/disbursements${q}`),
    ),
    op(
      'POST',
      fc.constant('/disputes'),
      fc.record({
        chargeId: charge,
        providerMetadata: fc.record({ providerDisputeId: hostileString }),
        disputeAmount: price,
        filingReason: fc.oneof(
          fc.constantFrom(
            'ProductNotReceived',
            'ProductSignificantlyDifferent',
            'UnauthorizedTransaction',
          ),
          hostileString,
        ),
        filingTimestamp: time,
      }),
    ),
    op(
      'GET',
      id.map((d) => `/disputes/${d}`),
    ),
    op(
      'PATCH',
      id.map((d) => `/disputes/${d}`),
      fc.record({
        statusDetails: fc.record({
          state: fc.constantFrom('Open', 'Closed', 'UnderReview', 'x'),
          resolution: fc.constantFrom('BuyerWon', 'MerchantWon', null),
        }),
        closureTimestamp: time,
      }),
    ),
    op(
      'POST',
      id.map((d) => `/disputes/${d}/contest`),
      fc.record({
        merchantEvidences: fc.array(
          fc.record({
            evidenceType: fc.constantFrom('TrackingNumber', 'CustomerSignature', 'x'),
            evidenceText: hostileString,
          }),
          { maxLength: 3 },
        ),
      }),
    ),
    op(
      'POST',
      fc.constant('/files'),
      fc.record({
        type: fc.constantFrom('jpg', 'pdf', ''),
        purpose: fc.constantFrom('disputeEvidence', 'x'),
      }),
    ),
    op(
      'POST',
      fc.constant('/deliveryTrackers'),
      fc.record(
        {
          chargePermissionId: permission,
          amazonOrderReferenceId: hostileString,
          deliveryDetails: fc.array(
            fc.record({
              trackingNumber: hostileString,
              carrierCode: fc.constantFrom('UPS', 'DHL', 'x'),
            }),
            { maxLength: 12 },
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    op(
      'GET',
      id.map((token) => `/buyers/${token}`),
    ),
  );
}
