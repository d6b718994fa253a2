import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { setFeeSchedule } from '../src/app/back-office/fees.js';
import type { TestMerchant, TestPlatform } from '../src/testing/test-platform.js';
import { createV1Buyer } from '../src/testing/v1-buyer.js';
import { connectV1 } from './support/mws-client.js';
import { connectReports, type ReportsClient } from './support/mws-reports-client.js';
import { signedPost } from './support/mws-signed-post.js';
import {
  idem,
  mitCharge,
  sdkFailure,
  settlementRows,
  setUpSavedWallet,
  type WebStoreClient,
} from './support/sdk-helpers.js';
import { BACKENDS, type OpenedBackend } from './support/test-backends.js';

/**
 * Issue "The back office", v1 reports: every MWS Reports action of the unmodified
 * `amazon-payments` client (lib/reports.js, Version 2009-01-01) over the same reports the v2 API
 * creates, with their error paths; and the settlement report Amazon creates by itself at the end
 * of each settlement period, seen by both APIs and equal to the disbursement to the cent.
 */
const SETTLEMENT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_';
const SANDBOX_SETTLEMENT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_';
const DAY_MS = 86_400_000;
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });
const compact = (at: number) =>
  new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
/** xml2js (explicitArray: false) gives one element as an object, several as an array. */
const many = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const cents = (amount: string) => Math.round(Number(amount) * 100);
const types = (...list: string[]) => ({
  ReportTypeList: { Type: Object.fromEntries(list.map((t, i) => [i + 1, t])) },
});
const ids = (list: string, values: string[]) => ({
  [list]: { Id: Object.fromEntries(values.map((v, i) => [i + 1, v])) },
});

describe.each(BACKENDS)('MWS Reports on $name', (backend) => {
  let opened: OpenedBackend;
  let platform: TestPlatform;
  let merchant: TestMerchant;
  let client: WebStoreClient;
  let reports: ReportsClient;
  let permissionId: string;
  let clockOffset = 0;
  const merchantNow = (): number => Date.now() + clockOffset;
  const advance = async (ms: number) => {
    await platform.advanceClock(merchant.merchantId, ms);
    clockOffset += ms;
  };

  const charge = (amount: string, captureNow = true): Promise<string> =>
    mitCharge(client, permissionId, amount, captureNow);

  beforeAll(async () => {
    opened = await backend.open();
    platform = opened.platform;
    merchant = await platform.createMerchant({ region: 'NA' });
    client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
    permissionId = await setUpSavedWallet(client, platform, merchant);
    reports = await connectReports(platform, merchant);
    // Settlement days close at midnight UTC on the merchant's clock: start at the next noon.
    const now = Date.now();
    const noon = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS / 2;
    await advance((noon > now ? noon : noon + DAY_MS) - now);
  });
  afterAll(() => opened.dispose());

  it('creates the settlement report at the end of the period, equal to the disbursement, in both APIs', async () => {
    await setFeeSchedule(platform.localpay.deps, merchant.merchantId, {
      percentageBasisPoints: 300,
      fixedFeeMinor: 25,
      chargebackFeeMinor: 1500,
    });
    const first = await charge('100.00');
    const second = await charge('50.00', false);
    await client.captureCharge(second, { captureAmount: usd('30.00') }, idem());
    await client.createRefund({ chargeId: first, refundAmount: usd('40.00') }, idem());
    await advance(180_000);
    // Amazon creates it; it cannot be requested, and nothing exists before the period ends.
    expect((await client.getReports({ reportTypes: [SETTLEMENT] })).data.reports).toEqual([]);
    expect((await reports.fail('requestReport', { ReportType: SETTLEMENT })).message).toMatch(
      /cannot be requested/,
    );

    await advance(DAY_MS);
    const listed = (await client.getReports({ reportTypes: [SETTLEMENT] })).data.reports as {
      reportId: string;
      processingStatus: string;
      reportDocumentId: string;
    }[];
    expect(listed.map((r) => r.processingStatus)).toEqual(['COMPLETED']);
    const [report] = listed;
    const document = await client.getReportDocument(report!.reportDocumentId);
    const csv = await (await fetch(String(document.data.url))).text();
    const rows = settlementRows(csv);
    expect(rows.map((r) => [r[4], r[13]])).toEqual([
      ['Capture', '96.75'],
      ['Capture', '28.85'],
      ['Refund', '-38.80'],
    ]);

    const paid = await client.apiCall({
      method: 'GET',
      urlFragment: 'disbursements',
      queryParams: {
        startTime: compact(merchantNow() - 3 * DAY_MS),
        endTime: compact(merchantNow()),
      },
    });
    const disbursements = paid.data.disbursements as { settlementId: string; amount: string }[];
    expect(disbursements).toHaveLength(1);
    const [disbursement] = disbursements;
    // To the cent: the report's net column adds up to the disbursement, of the same settlement.
    expect(rows.reduce((sum, r) => sum + cents(r[13]!), 0)).toBe(cents(disbursement!.amount));
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set([disbursement!.settlementId]));
    expect(report!.reportId).toBe(disbursement!.settlementId);

    // The same report in MWS: ReportRequestId is the v2 reportId, ReportId its document id.
    const v1 = await reports.call('getReportList', types(SETTLEMENT));
    expect(v1.HasNext).toBe('false');
    expect(many(v1.ReportInfo)).toEqual([
      expect.objectContaining({
        ReportId: report!.reportDocumentId,
        ReportRequestId: report!.reportId,
        ReportType: SETTLEMENT,
        Acknowledged: 'false',
      }),
    ]);
    const requested = await reports.call('getReportRequestList', types(SETTLEMENT));
    expect(many(requested.ReportRequestInfo)).toEqual([
      expect.objectContaining({
        ReportRequestId: report!.reportId,
        Scheduled: 'true',
        ReportProcessingStatus: '_DONE_',
        GeneratedReportId: report!.reportDocumentId,
      }),
    ]);
    // GetReport's body is not XML: amazon-payments hands it over unparsed as { Response }.
    const got = await reports.call('getReport', { ReportId: report!.reportDocumentId });
    expect(got).toEqual({ Response: csv });
    const raw = await signedPost(reports.signed, 'GetReport', {
      ReportId: report!.reportDocumentId,
    });
    expect(raw.status).toBe(200);
    expect(raw.body).toBe(csv);
    expect(raw.contentMd5).toBe(createHash('md5').update(csv).digest('base64'));
  });

  it('requests, lists, counts, pages and cancels report requests over the v2 reports', async () => {
    const start = new Date(merchantNow() - 2 * DAY_MS).toISOString();
    const end = new Date(merchantNow() - 60_000).toISOString();
    const requested = await reports.call('requestReport', {
      ReportType: SANDBOX_SETTLEMENT,
      StartDate: start,
      EndDate: end,
    });
    const info = requested.ReportRequestInfo as Record<string, string>;
    expect(info).toMatchObject({
      ReportType: SANDBOX_SETTLEMENT,
      StartDate: start,
      EndDate: end,
      Scheduled: 'false',
      ReportProcessingStatus: '_SUBMITTED_',
    });
    const id = info.ReportRequestId!;
    // One store: the v2 API sees the MWS request as its own report.
    expect((await client.getReportById(id)).data).toMatchObject({
      reportId: id,
      processingStatus: 'IN_QUEUE',
    });

    const other = await reports.call('requestReport', {
      ReportType: SANDBOX_SETTLEMENT,
      StartDate: start,
      EndDate: end,
    });
    const otherId = (other.ReportRequestInfo as Record<string, string>).ReportRequestId!;
    expect(
      (
        await reports.call('getReportRequestCount', {
          ReportProcessingStatusList: { Status: { 1: '_SUBMITTED_' } },
        })
      ).Count,
    ).toBe('2');
    const cancelled = await reports.call(
      'cancelReportRequests',
      ids('ReportRequestIdList', [otherId]),
    );
    expect(cancelled.Count).toBe('1');
    expect(cancelled.ReportRequestInfo).toMatchObject({
      ReportRequestId: otherId,
      ReportProcessingStatus: '_CANCELLED_',
    });
    expect((await client.getReportById(otherId)).data.processingStatus).toBe('CANCELLED');
    // A request no longer _SUBMITTED_ is not cancelled again.
    expect(
      (await reports.call('cancelReportRequests', ids('ReportRequestIdList', [otherId]))).Count,
    ).toBe('0');

    await advance(40_000);
    const done = await reports.call('getReportRequestList', ids('ReportRequestIdList', [id]));
    const v2 = (await client.getReportById(id)).data;
    expect(done.ReportRequestInfo).toMatchObject({
      ReportRequestId: id,
      ReportProcessingStatus: '_DONE_',
      GeneratedReportId: v2.reportDocumentId,
      StartedProcessingDate: expect.any(String),
      CompletedDate: expect.any(String),
    });

    // Three requests in all (the settlement report, this one, the cancelled one): one per page.
    const firstPage = await reports.call('getReportRequestList', { MaxCount: 1 });
    expect(firstPage.HasNext).toBe('true');
    const seen = [(firstPage.ReportRequestInfo as Record<string, string>).ReportRequestId];
    let token = firstPage.NextToken as string | undefined;
    while (token !== undefined) {
      const next = await reports.call('getReportRequestListByNextToken', { NextToken: token });
      seen.push(
        ...many(next.ReportRequestInfo).map((r: Record<string, string>) => r.ReportRequestId),
      );
      token = next.HasNext === 'true' ? (next.NextToken as string) : undefined;
    }
    expect(seen).toHaveLength(3);
    expect(seen).toContain(id);
    expect(seen).toContain(otherId);
    expect(
      (
        await reports.call('getReportRequestCount', {
          ReportProcessingStatusList: { Status: { 1: '_CANCELLED_' } },
        })
      ).Count,
    ).toBe('1');
  });

  it('lists, counts, gets and acknowledges done reports', async () => {
    const listed = await reports.call('getReportList', types(SANDBOX_SETTLEMENT));
    const [info] = many(listed.ReportInfo) as Record<string, string>[];
    expect(info).toMatchObject({ ReportType: SANDBOX_SETTLEMENT, Acknowledged: 'false' });
    expect((await reports.call('getReportCount', {})).Count).toBe('2');
    const body = await reports.call('getReport', { ReportId: info!.ReportId });
    expect(String(body.Response)).toMatch(/^"SellerId","SettlementStartDate","SettlementEndDate"/);

    const acknowledged = await reports.call('updateReportAcknowledgements', {
      ...ids('ReportIdList', [info!.ReportId!]),
      Acknowledged: true,
    });
    expect(acknowledged.Count).toBe('1');
    expect(acknowledged.ReportInfo).toMatchObject({
      ReportId: info!.ReportId,
      Acknowledged: 'true',
      AcknowledgedDate: expect.any(String),
    });
    expect((await reports.call('getReportCount', { Acknowledged: true })).Count).toBe('1');
    const open = await reports.call('getReportList', { Acknowledged: false });
    expect(many(open.ReportInfo).map((r: Record<string, string>) => r.ReportType)).toEqual([
      SETTLEMENT,
    ]);
    const paged = await reports.call('getReportList', { MaxCount: 1 });
    expect(paged.HasNext).toBe('true');
    const rest = await reports.call('getReportListByNextToken', { NextToken: paged.NextToken });
    expect(rest.HasNext).toBe('false');
    expect(many(rest.ReportInfo)).toHaveLength(1);
  });

  it('manages report schedules as the v2 schedules', async () => {
    const at = new Date(merchantNow() + 3_600_000).toISOString();
    const managed = await reports.call('manageReportSchedule', {
      ReportType: SANDBOX_SETTLEMENT,
      Schedule: '_1_DAY_',
      ScheduleDate: at,
    });
    expect(managed).toMatchObject({
      Count: '1',
      ReportSchedule: { ReportType: SANDBOX_SETTLEMENT, Schedule: '_1_DAY_', ScheduledDate: at },
    });
    const v2 = (await client.getReportSchedules(SANDBOX_SETTLEMENT)).data.reportSchedules;
    expect(v2).toEqual([expect.objectContaining({ scheduleFrequency: 'P1D' })]);
    // ManageReportSchedule replaces the type's schedule.
    await reports.call('manageReportSchedule', {
      ReportType: SANDBOX_SETTLEMENT,
      Schedule: '_72_HOURS_',
    });
    const list = await reports.call('getReportScheduleList', types(SANDBOX_SETTLEMENT));
    expect(list.HasNext).toBe('false');
    expect(many(list.ReportSchedule)).toEqual([
      expect.objectContaining({ Schedule: '_72_HOURS_' }),
    ]);
    expect((await reports.call('getReportScheduleCount', {})).Count).toBe('1');
    const removed = await reports.call('manageReportSchedule', {
      ReportType: SANDBOX_SETTLEMENT,
      Schedule: '_NEVER_',
    });
    expect(removed).toMatchObject({ Count: '1', ReportSchedule: { Schedule: '_NEVER_' } });
    expect((await reports.call('getReportScheduleCount', {})).Count).toBe('0');
    expect((await client.getReportSchedules(SANDBOX_SETTLEMENT)).data.reportSchedules).toEqual([]);
  });

  it('generates the transaction reports in Live from the v1 objects, and refuses them in Sandbox', async () => {
    const ORDER_REFERENCE = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_';
    const AUTHORIZATION = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_';
    const CAPTURE = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_';
    const REFUND = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_';
    const BILLING_AGREEMENT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_';
    // "All other report types are not available in sandbox" (reports.html).
    const sandbox = await sdkFailure(
      client.createReport(
        {
          reportType: AUTHORIZATION,
          startTime: compact(merchantNow() - DAY_MS),
          endTime: compact(merchantNow()),
        },
        idem(),
      ),
    );
    expect(sandbox.data.message).toMatch(/not available in Sandbox/);

    const start = merchantNow() - 60_000;
    const live = await connectV1(platform, merchant, { live: true });
    const buyer = createV1Buyer(platform.httpUrl);
    const token = await buyer.signIn(merchant.storeId);
    const orderId = await buyer.createOrderReference(token, merchant.merchantId, {
      environment: 'Live',
    });
    const total = { Amount: '20.00', CurrencyCode: 'USD' };
    await live.call('SetOrderReferenceDetails', {
      AmazonOrderReferenceId: orderId,
      OrderReferenceAttributes: {
        OrderTotal: total,
        SellerOrderAttributes: { SellerOrderId: 'live-order-1', StoreName: 'Live Store' },
      },
    });
    await live.call('ConfirmOrderReference', { AmazonOrderReferenceId: orderId });
    const authorized = await live.call('Authorize', {
      AmazonOrderReferenceId: orderId,
      AuthorizationReferenceId: 'live-auth-1',
      AuthorizationAmount: total,
      TransactionTimeout: 0,
    });
    const authorizationId = String(authorized.AuthorizationDetails.AmazonAuthorizationId);
    const captured = await live.call('Capture', {
      AmazonAuthorizationId: authorizationId,
      CaptureReferenceId: 'live-cap-1',
      CaptureAmount: total,
    });
    const captureId = String(captured.CaptureDetails.AmazonCaptureId);
    const refunded = await live.call('Refund', {
      AmazonCaptureId: captureId,
      RefundReferenceId: 'live-ref-1',
      RefundAmount: { Amount: '5.00', CurrencyCode: 'USD' },
    });
    const refundId = String(refunded.RefundDetails.AmazonRefundId);
    await advance(120_000);

    const end = new Date(merchantNow()).toISOString();
    const requested = new Map<string, string>();
    for (const type of [ORDER_REFERENCE, AUTHORIZATION, CAPTURE, REFUND, BILLING_AGREEMENT]) {
      const info = (
        await reports.call('requestReport', {
          ReportType: type,
          StartDate: new Date(start).toISOString(),
          EndDate: end,
        })
      ).ReportRequestInfo as Record<string, string>;
      requested.set(type, info.ReportRequestId!);
    }
    await advance(40_000);
    const byType = new Map<string, string[][]>();
    for (const [type, id] of requested) {
      const status = (await reports.call('getReportRequestList', ids('ReportRequestIdList', [id])))
        .ReportRequestInfo as Record<string, string>;
      if (type === BILLING_AGREEMENT) {
        // No billing agreement changed in the range: cancelled for having no data.
        expect(status.ReportProcessingStatus).toBe('_DONE_NO_DATA_');
        continue;
      }
      expect(status.ReportProcessingStatus).toBe('_DONE_');
      const body = await reports.call('getReport', { ReportId: status.GeneratedReportId });
      byType.set(
        type,
        String(body.Response)
          .trim()
          .split('\r\n')
          .map((line) => line.slice(1, -1).split('","')),
      );
    }
    const pick = (type: string, ...columns: string[]) => {
      const [header, ...rows] = byType.get(type)!;
      return rows.map((row) => columns.map((column) => row[header!.indexOf(column)]));
    };
    expect(
      pick(
        ORDER_REFERENCE,
        'AmazonOrderReferenceId',
        'SellerOrderId',
        'StoreName',
        'OrderTotal',
        'CurrencyCode',
        'OrderReferenceStatus',
      ),
    ).toEqual([[orderId, 'live-order-1', 'Live Store', '20.00', 'USD', 'Open']]);
    expect(
      pick(
        AUTHORIZATION,
        'AmazonAuthorizationId',
        'AuthorizationReferenceId',
        'AmazonOrderReferenceId',
        'AuthorizationAmount',
        'CapturedAmount',
        'AuthorizationStatus',
      ),
    ).toEqual([[authorizationId, 'live-auth-1', orderId, '20.00', '20.00', 'Closed']]);
    expect(
      pick(
        CAPTURE,
        'AmazonCaptureId',
        'CaptureReferenceId',
        'CaptureAmount',
        'RefundedAmount',
        'CaptureStatus',
      ),
    ).toEqual([[captureId, 'live-cap-1', '20.00', '5.00', 'Completed']]);
    expect(
      pick(
        REFUND,
        'AmazonRefundId',
        'RefundReferenceId',
        'AmazonCaptureId',
        'RefundAmount',
        'RefundStatus',
      ),
    ).toEqual([[refundId, 'live-ref-1', captureId, '5.00', 'Completed']]);
    // Listings span both environments: the Live reports are listed beside the Sandbox ones.
    const listed = await reports.call('getReportList', types(CAPTURE));
    expect(many(listed.ReportInfo).map((r: Record<string, string>) => r.ReportRequestId)).toEqual([
      requested.get(CAPTURE),
    ]);
  });

  it('answers bad Reports calls with MWS errors in the Reports namespace', async () => {
    // The OffAmazonPayments version at the Reports endpoint, and the other way round.
    expect(await reports.raw('GetReportList', '2013-01-01').catch((e: Error) => e.name)).toBe(
      'InvalidAddress',
    );
    const wrongPath = await signedPost(
      { ...reports.signed, path: '/OffAmazonPayments_Sandbox/2013-01-01' },
      'GetReportList',
    );
    expect(wrongPath.body).toContain('<Code>InvalidAddress</Code>');
    for (const action of ['SubmitFeed', '__proto__', 'constructor'])
      expect(await reports.raw(action, '2009-01-01').catch((e: Error) => e.name)).toBe(
        'InvalidAddress',
      );

    expect(await reports.fail('requestReport', { ReportType: '_GET_NOPE_' })).toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringMatching(/_GET_NOPE_/),
    });
    expect(await reports.fail('requestReport', {})).toMatchObject({ code: 'MissingParameter' });
    expect(
      await reports.fail('requestReport', {
        ReportType: SANDBOX_SETTLEMENT,
        StartDate: 'yesterday',
      }),
    ).toMatchObject({ code: 'InvalidParameterValue', message: expect.stringMatching(/StartDate/) });
    expect(await reports.fail('getReportList', types('_GET_NOPE_'))).toMatchObject({
      code: 'InvalidParameterValue',
    });
    expect(await reports.fail('getReportRequestList', { MaxCount: 101 })).toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringMatching(/MaxCount/),
    });
    expect(
      await reports.fail('getReportRequestList', {
        ReportProcessingStatusList: { Status: { 1: 'DONE' } },
      }),
    ).toMatchObject({ code: 'InvalidParameterValue' });

    expect(await reports.fail('getReport', { ReportId: '99999999999' })).toMatchObject({
      code: 'InvalidParameterValue',
    });
    expect(await reports.fail('getReport', {})).toMatchObject({ code: 'MissingParameter' });
    expect(await reports.fail('updateReportAcknowledgements', {})).toMatchObject({
      code: 'MissingParameter',
    });
    expect(
      await reports.fail('updateReportAcknowledgements', ids('ReportIdList', ['1'])),
    ).toMatchObject({ code: 'InvalidParameterValue' });
    expect(
      await reports.fail('manageReportSchedule', {
        ReportType: SANDBOX_SETTLEMENT,
        Schedule: 'P1D',
      }),
    ).toMatchObject({ code: 'InvalidParameterValue', message: expect.stringMatching(/Schedule/) });
    expect(
      await reports.fail('manageReportSchedule', { ReportType: SETTLEMENT, Schedule: '_1_DAY_' }),
    ).toMatchObject({ code: 'InvalidParameterValue' });

    // NextToken: missing, not ours, or issued by another listing.
    expect(await reports.fail('getReportListByNextToken', {})).toMatchObject({
      code: 'MissingParameter',
    });
    expect(
      await reports.fail('getReportListByNextToken', { NextToken: 'not-a-token' }),
    ).toMatchObject({ code: 'InvalidParameterValue' });
    // Two requests at least, so the first page of one has a NextToken whichever tests ran before.
    for (const _ of [1, 2]) await reports.call('requestReport', { ReportType: SANDBOX_SETTLEMENT });
    const requests = await reports.call('getReportRequestList', { MaxCount: 1 });
    expect(requests.HasNext).toBe('true');
    expect(
      await reports.fail('getReportListByNextToken', { NextToken: requests.NextToken }),
    ).toMatchObject({
      code: 'InvalidParameterValue',
      message: expect.stringMatching(/GetReportList/),
    });
    expect(
      await reports.fail('getReportScheduleListByNextToken', { NextToken: requests.NextToken }),
    ).toMatchObject({ code: 'InvalidParameterValue' });

    // The error document carries the Reports namespace.
    const raw = await signedPost(reports.signed, 'GetReport', { ReportId: '1' });
    expect(raw.status).toBe(400);
    expect(raw.contentType).toBe('text/xml');
    expect(raw.body).toContain('<ErrorResponse xmlns="http://mws.amazonaws.com/doc/2009-01-01/">');
    // A body refused before its signature is read is answered in the same namespace.
    const huge = await fetch(`${reports.signed.httpUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=GetReportCount&Pad=${'x'.repeat(300 * 1024)}`,
    });
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain('xmlns="http://mws.amazonaws.com/doc/2009-01-01/"');
    const ok = await signedPost(reports.signed, 'GetReportCount');
    expect(ok.body).toContain(
      '<GetReportCountResponse xmlns="http://mws.amazonaws.com/doc/2009-01-01/">',
    );
  });
});
