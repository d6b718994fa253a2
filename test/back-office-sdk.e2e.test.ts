import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { openDisputeAsAdmin } from '../src/app/back-office/open-dispute.js';
import { resolveDisputeAsAdmin } from '../src/app/back-office/dispute-operations.js';
import { setFeeSchedule } from '../src/app/back-office/fees.js';
import type { IpnReceiver } from '../src/testing/ipn-receiver.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import {
  idem,
  mitCharge,
  sdkFailure,
  settlementRows,
  setUpSavedWallet,
  type WebStoreClient,
} from './support/sdk-helpers.js';

/**
 * Issue "The back office": every v2 report, disbursement, dispute and file method of the official
 * Node SDK, with their error paths. Get Disbursements is not a named method of SDK 2.3.4; it is
 * called through the SDK's own signed apiCall, as the newer SDKs' getDisbursements does.
 */
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });
const SANDBOX_SETTLEMENT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_';
const SETTLEMENT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_';
const compact = (at: number) =>
  new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * Settlement days close at midnight UTC on the merchant's clock: the merchant's clock is moved to
 * the next noon first, so a run near midnight sees the same days as one at any other hour.
 */
const DAY_MS = 86_400_000;
let clockOffset = 0;
const merchantNow = (): number => Date.now() + clockOffset;
const untilNextNoon = (): number => {
  const now = Date.now();
  const noon = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS / 2;
  return noon > now ? noon - now : noon + DAY_MS - now;
};

describe('back office through the official SDK', () => {
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: WebStoreClient;
  let permissionId: string;
  let receiver: IpnReceiver;

  const charge = (amount: string, captureNow = true): Promise<string> =>
    mitCharge(client, permissionId, amount, captureNow);
  const disbursements = (query: Record<string, string>) =>
    client.apiCall({ method: 'GET', urlFragment: 'disbursements', queryParams: query });

  beforeAll(async () => {
    platform = await createTestPlatform();
    merchant = await platform.createMerchant({ region: 'NA' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    permissionId = await setUpSavedWallet(client, platform, merchant);
    receiver = await platform.receiveIpns(merchant.merchantId);
    clockOffset = untilNextNoon();
    await platform.advanceClock(merchant.merchantId, clockOffset);
  });
  afterAll(() => platform.close());

  it('reports captures, partial captures and refunds to the cent, and disburses them', async () => {
    await setFeeSchedule(platform.localpay.deps, merchant.merchantId, {
      percentageBasisPoints: 300,
      fixedFeeMinor: 25,
      chargebackFeeMinor: 1500,
    });
    const start = merchantNow();
    const first = await charge('100.00');
    const second = await charge('50.00', false);
    await client.captureCharge(second, { captureAmount: usd('30.00') }, idem());
    await client.createRefund({ chargeId: first, refundAmount: usd('40.00') }, idem());
    // The refund completes (and is posted) when the clock moves; the report covers up to then.
    await platform.advanceClock(merchant.merchantId, '2m');
    await platform.advanceClock(merchant.merchantId, '1m');

    const created = await client.createReport(
      {
        reportType: SANDBOX_SETTLEMENT,
        startTime: compact(start - 86_400_000),
        endTime: compact(merchantNow() + 150_000),
      },
      idem(),
    );
    expect(created.status).toBe(201);
    const reportId = String(created.data.reportId);
    const queued = await client.getReportById(reportId);
    expect(Object.keys(queued.data)).toEqual([
      'createdTime',
      'endTime',
      'processingEndTime',
      'processingStartTime',
      'processingStatus',
      'reportDocumentId',
      'reportId',
      'reportType',
      'startTime',
    ]);
    expect(queued.data).toMatchObject({ processingStatus: 'IN_QUEUE', reportDocumentId: null });
    await platform.advanceClock(merchant.merchantId, '10s');
    expect((await client.getReportById(reportId)).data.processingStatus).toBe('IN_PROGRESS');
    await platform.advanceClock(merchant.merchantId, '30s');
    const done = await client.getReportById(reportId);
    expect(done.data.processingStatus).toBe('COMPLETED');

    const listed = await client.getReports({
      reportTypes: [SANDBOX_SETTLEMENT],
      processingStatuses: ['COMPLETED'],
    });
    expect((listed.data.reports as { reportId: string }[]).map((r) => r.reportId)).toEqual([
      reportId,
    ]);

    const document = await client.getReportDocument(String(done.data.reportDocumentId));
    expect(document.data).toMatchObject({ compressionAlgorithm: 'N/A' });
    const csv = await (await fetch(String(document.data.url))).text();
    expect(csv.split('\r\n')[0]).toBe('"SellerId","SettlementStartDate","SettlementEndDate"');
    const rows = settlementRows(csv);
    // TransactionType, TransactionAmount, percentage, fixed, total, net (3 % + $0.25).
    expect(rows.map((r) => [r[4], r[9], r[10], r[11], r[12], r[13]])).toEqual([
      ['Capture', '100.00', '-3.00', '-0.25', '-3.25', '96.75'],
      ['Capture', '30.00', '-0.90', '-0.25', '-1.15', '28.85'],
      ['Refund', '-40.00', '1.20', '0.00', '1.20', '-38.80'],
    ]);
    expect(rows[0]?.[2]).toBe(first);

    // Nothing is disbursed, and no settlement report exists, before the day closes; then the
    // disbursement is exactly the report's net, and Amazon's own settlement report lists the rows.
    const range = {
      startTime: compact(start - 86_400_000),
      endTime: compact(merchantNow() + 3 * 86_400_000),
    };
    expect((await disbursements(range)).data.disbursements).toEqual([]);
    expect((await client.getReports({ reportTypes: [SETTLEMENT] })).data.reports).toEqual([]);
    await platform.advanceClock(merchant.merchantId, '1d');
    const settled = (await client.getReports({ reportTypes: [SETTLEMENT] })).data.reports as {
      reportId: string;
      processingStatus: string;
      reportDocumentId: string;
    }[];
    expect(settled.map((r) => [r.reportId, r.processingStatus])).toEqual([
      [rows[0]?.[1], 'COMPLETED'],
    ]);
    const settlementDocument = await client.getReportDocument(settled[0]!.reportDocumentId);
    const settlementCsv = await (await fetch(String(settlementDocument.data.url))).text();
    expect(settlementRows(settlementCsv)).toEqual(rows);
    const paid = await disbursements(range);
    expect(paid.data.disbursements).toEqual([
      expect.objectContaining({
        sellerId: merchant.merchantId,
        settlementId: rows[0]?.[1],
        amount: '86.80',
        currencyCode: 'USD',
      }),
    ]);
  });

  it('schedules, lists, gets and cancels report schedules', async () => {
    const created = await client.createReportSchedule(
      {
        reportType: SANDBOX_SETTLEMENT,
        scheduleFrequency: 'P1D',
        nextReportCreationTime: compact(merchantNow() + 3_600_000),
      },
      idem(),
    );
    expect(created.status).toBe(201);
    const id = String(created.data.reportScheduleId);
    const again = await sdkFailure(
      client.createReportSchedule(
        { reportType: SANDBOX_SETTLEMENT, scheduleFrequency: 'P1D' },
        idem(),
      ),
    );
    expect(again.data.reasonCode).toBe('InvalidRequest');
    const listed = await client.getReportSchedules(SANDBOX_SETTLEMENT);
    expect(listed.data.reportSchedules).toEqual([
      {
        nextReportCreationTime: expect.stringMatching(/^\d{8}T\d{6}Z$/),
        reportScheduleId: id,
        reportType: SANDBOX_SETTLEMENT,
        scheduleFrequency: 'P1D',
      },
    ]);
    const scheduled = { reportTypes: [SANDBOX_SETTLEMENT] };
    const before = (await client.getReports(scheduled)).data.reports as unknown[];
    await platform.advanceClock(merchant.merchantId, '26h');
    const after = (await client.getReports(scheduled)).data.reports as unknown[];
    expect(after.length).toBe(before.length + 2);
    expect((await client.getReportScheduleById(id)).data.reportScheduleId).toBe(id);
    expect((await client.cancelReportSchedule(id)).status).toBe(200);
    expect((await sdkFailure(client.getReportScheduleById(id))).status).toBe(404);
  });

  it('creates the transaction reports in Live from charges, refunds and charge permissions', async () => {
    // Transaction reports are Live only ("not available in sandbox", reports.html).
    const liveMerchant = await platform.createMerchant({ region: 'NA', environment: null });
    const live = new sdk.WebStoreClient({
      ...platform.sdkConfig(liveMerchant, { sandbox: false }),
    });
    const start = Date.now() - 60_000;
    const livePermission = await setUpSavedWallet(
      live,
      platform,
      liveMerchant,
      '1111',
      'https://shop.example/wallet-ready',
    );
    const chargeId = await mitCharge(live, livePermission, '12.00');
    const refund = await live.createRefund({ chargeId, refundAmount: usd('2.00') }, idem());
    await platform.advanceClock(liveMerchant.merchantId, '3m');
    const end = Date.now() + 180_000;
    const report = async (reportType: string): Promise<string[][]> => {
      const created = await live.createReport(
        { reportType, startTime: compact(start), endTime: compact(end) },
        idem(),
      );
      await platform.advanceClock(liveMerchant.merchantId, '40s');
      const done = await live.getReportById(String(created.data.reportId));
      expect(done.data).toMatchObject({ reportType, processingStatus: 'COMPLETED' });
      const document = await live.getReportDocument(String(done.data.reportDocumentId));
      const csv = await (await fetch(String(document.data.url))).text();
      return csv
        .trim()
        .split('\r\n')
        .map((line) => line.slice(1, -1).split('","'));
    };
    const [authorizationHeader, ...authorizations] = await report(
      '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_',
    );
    expect(authorizationHeader?.slice(0, 3)).toEqual([
      'AmazonAuthorizationId',
      'AuthorizationReferenceId',
      'AmazonOrderReferenceId',
    ]);
    expect(authorizations.map((r) => [r[0], r[2], r[3], r[4], r[6]])).toEqual([
      [chargeId, livePermission, '12.00', '12.00', 'Closed'],
    ]);
    const [, ...captures] = await report('_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_');
    expect(captures.map((r) => [r[0], r[3], r[4], r[6]])).toEqual([
      [chargeId, '12.00', '2.00', 'Completed'],
    ]);
    const [, ...refunds] = await report('_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_');
    expect(refunds.map((r) => [r[0], r[2], r[3], r[4], r[6]])).toEqual([
      [String(refund.data.refundId), chargeId, livePermission, '2.00', 'Completed'],
    ]);
    const [, ...agreements] = await report(
      '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_',
    );
    expect(agreements.map((r) => [r[0], r[3]])).toEqual([[livePermission, 'Open']]);
    // Nothing to report: cancelled, as for the settlement reports.
    const orders = await live.createReport(
      {
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_',
        startTime: compact(start),
        endTime: compact(end),
      },
      idem(),
    );
    await platform.advanceClock(liveMerchant.merchantId, '40s');
    expect((await live.getReportById(String(orders.data.reportId))).data.processingStatus).toBe(
      'CANCELLED',
    );
  });

  it('answers bad report and disbursement requests in the v2 error format', async () => {
    const settlement = await sdkFailure(
      client.createReport(
        {
          reportType: SETTLEMENT,
          startTime: '20240101T000000Z',
          endTime: '20240102T000000Z',
        },
        idem(),
      ),
    );
    expect(settlement).toMatchObject({
      status: 400,
      data: { reasonCode: 'InvalidParameterValue' },
    });
    const unknown = await sdkFailure(
      client.createReport(
        { reportType: 'NOPE', startTime: '20240101T000000Z', endTime: '20240102T000000Z' },
        idem(),
      ),
    );
    expect(unknown.data.reasonCode).toBe('InvalidParameterValue');
    const badTime = await sdkFailure(
      client.createReport(
        { reportType: SANDBOX_SETTLEMENT, startTime: 'yesterday', endTime: '20240102T000000Z' },
        idem(),
      ),
    );
    expect(badTime.data.message).toMatch(/startTime/);
    expect((await sdkFailure(client.getReportById('12345678901'))).status).toBe(404);
    expect((await sdkFailure(client.getReportDocument('12345678901'))).status).toBe(404);
    const missing = await sdkFailure(disbursements({ endTime: '20240102T000000Z' }));
    expect(missing.data.reasonCode).toBe('MissingParameterValue');
    const page = await sdkFailure(
      disbursements({ startTime: '20240101T000000Z', endTime: '20240102T000000Z', pageSize: '0' }),
    );
    expect(page.data.message).toMatch(/pageSize/);
  });

  it('runs a dispute: evidence upload, contest, merchant wins, with chargeback IPNs and ledger lines', async () => {
    const chargeId = await charge('25.00');
    const dispute = await openDisputeAsAdmin(platform.localpay.deps, {
      chargeId,
      amount: null,
      filingReason: 'ProductNotReceived',
      resolutionAuthority: 'AmazonPay',
      providerDisputeId: null,
    });
    const got = await client.getDispute(dispute.id);
    expect(got.data).toMatchObject({
      disputeId: dispute.id,
      chargeId,
      disputeType: 'Chargeback',
      disputeAmount: usd('25.00'),
      filingReason: 'ProductNotReceived',
      statusDetails: { state: 'ActionRequired', resolution: null },
      resolutionAuthority: 'AmazonPay',
      releaseEnvironment: 'Sandbox',
    });
    const file = await client.uploadFile({ type: 'jpg', purpose: 'disputeEvidence' }, idem());
    expect(Object.keys(file.data)).toEqual([
      'id',
      'type',
      'purpose',
      'url',
      'size',
      'uploadTimestamp',
      'urlExpirationTimestamp',
    ]);
    const notYet = await sdkFailure(
      client.contestDispute(
        dispute.id,
        { merchantEvidences: [{ evidenceType: 'TrackingNumber', fileId: String(file.data.id) }] },
        idem(),
      ),
    );
    expect(notYet.data.message).toMatch(/not been uploaded/);
    const put = await fetch(String(file.data.url), {
      method: 'PUT',
      body: Buffer.from('tracking proof'),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(put.status).toBe(200);
    const empty = await sdkFailure(
      client.contestDispute(dispute.id, { merchantEvidences: [] }, idem()),
    );
    expect(empty.status).toBe(400);
    const contested = await client.contestDispute(
      dispute.id,
      {
        merchantEvidences: [
          { evidenceType: 'TrackingNumber', fileId: String(file.data.id), evidenceText: '1Z999' },
        ],
      },
      idem(),
    );
    expect(contested.data.statusDetails).toMatchObject({
      state: 'UnderReview',
      reasonCode: 'MerchantContested',
    });
    const twice = await sdkFailure(
      client.contestDispute(
        dispute.id,
        { merchantEvidences: [{ evidenceType: 'Other', evidenceText: 'x' }] },
        idem(),
      ),
    );
    expect(twice.data.reasonCode).toBe('InvalidRequest');
    const resolved = await resolveDisputeAsAdmin(platform.localpay.deps, dispute.id, 'MerchantWon');
    expect(resolved.statusDetails).toMatchObject({ state: 'Resolved', resolution: 'MerchantWon' });

    // Opened, contested, resolved: three state changes, each a CHARGEBACK IPN naming the dispute.
    const isChargeback = (ipn: { body: string }) =>
      ipn.body.includes('CHARGEBACK') && ipn.body.includes(dispute.id);
    const all = await receiver.waitFor((received) => received.filter(isChargeback).length >= 3);
    for (const ipn of all.filter(isChargeback))
      expect((await platform.verifyIpn(ipn.body)).message).toMatchObject({
        ObjectType: 'CHARGEBACK',
        ObjectId: dispute.id,
        ChargePermissionId: permissionId,
        NotificationType: 'STATE_CHANGE',
      });
    const notOnAuthorized = await sdkFailure(
      client.createDispute(
        {
          chargeId: await charge('5.00', false),
          providerMetadata: { providerDisputeId: 'PSP-1' },
          disputeAmount: usd('5.00'),
          filingReason: 'Fraudulent',
        },
        idem(),
      ),
    );
    expect(notOnAuthorized.data.reasonCode).toBe('InvalidChargeStatus');
  });

  it('lets a provider create and close a dispute, and lets an unanswered one fall to the buyer', async () => {
    const chargeId = await charge('12.00');
    const created = await client.createDispute(
      {
        chargeId,
        providerMetadata: { providerDisputeId: 'A2CQXQ2TUSYG7J' },
        disputeAmount: usd('12.00'),
        filingReason: 'ProductNotReceived',
        filingTimestamp: merchantNow(),
        statusDetails: { state: 'ActionRequired' },
        merchantResponseDeadline: merchantNow() + 14 * 86_400_000,
      },
      idem(),
    );
    expect(created.status).toBe(200);
    const updated = await client.updateDispute(
      String(created.data.disputeId),
      {
        statusDetails: {
          resolution: 'BuyerWon',
          state: 'Resolved',
          reasonCode: 'MerchantAcceptedDispute',
          reasonDescription: 'accepted',
        },
        closureTimestamp: merchantNow(),
      },
      idem(),
    );
    expect(updated.data.statusDetails).toMatchObject({
      state: 'Resolved',
      resolution: 'BuyerWon',
      reasonCode: 'MerchantAcceptedDispute',
    });
    expect(updated.data.closureTimestamp).toMatch(/^\d{8}T\d{6}Z$/);

    const late = await openDisputeAsAdmin(platform.localpay.deps, {
      chargeId: await charge('8.00'),
      amount: null,
      filingReason: 'Fraudulent',
      resolutionAuthority: 'AmazonPay',
      providerDisputeId: null,
    });
    await platform.advanceClock(merchant.merchantId, '11d');
    const expired = await client.getDispute(late.id);
    expect(expired.data.statusDetails).toMatchObject({
      state: 'Resolved',
      resolution: 'BuyerWon',
      reasonCode: 'MerchantResponseDeadlineExpired',
    });
    expect((await sdkFailure(client.getDispute('S01-0000000-0000000-B000000'))).status).toBe(404);
  });
});
