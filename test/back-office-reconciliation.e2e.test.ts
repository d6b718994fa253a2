import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdk from '@amazonpay/amazon-pay-api-sdk-nodejs';
import { resolveDisputeAsAdmin } from '../src/app/back-office/dispute-operations.js';
import { setFeeSchedule } from '../src/app/back-office/fees.js';
import { openDisputeAsAdmin } from '../src/app/back-office/open-dispute.js';
import type { Region } from '../src/domain/shared/environment.js';
import {
  createTestPlatform,
  type TestMerchant,
  type TestPlatform,
} from '../src/testing/test-platform.js';
import {
  idem,
  sdkFailure,
  settlementRows,
  setUpSavedWallet,
  type WebStoreClient,
} from './support/sdk-helpers.js';

/**
 * Issue "The back office", done-when 1: 1,000 mixed operations (charges, partial captures,
 * refunds, declines, disputes both ways, clock moves) across three merchants in three currencies
 * and about four months, then the settlement report and the disbursements, downloaded through the
 * official SDK, reconcile to the cent with what the test itself did. The expected fees are
 * computed here from the documented schedule (docs/decisions.md), not by localpay's code.
 */
interface Fees {
  readonly bps: number;
  readonly fixed: number;
  readonly chargeback: number;
}
interface Expected {
  readonly type: string;
  readonly amount: number;
  readonly pct: number;
  readonly fixed: number;
}
interface Book {
  readonly merchant: TestMerchant;
  readonly client: WebStoreClient;
  readonly currency: string;
  readonly decimals: number;
  readonly fees: Fees;
  permissionId: string;
  readonly expected: Map<string, Expected>;
  /** Captured charges: captured and still refundable amounts, whether disputed. */
  readonly captured: { id: string; amount: number; refundable: number; disputed: boolean }[];
  operations: number;
  /** How far the test moved this merchant's clock: its time is real time plus this. */
  advancedMs: number;
}

const OPERATIONS = 1000;
const SANDBOX_SETTLEMENT = '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_';
const DAY = 86_400_000;

/** Deterministic operations: a small linear congruential generator. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const pct = (minor: number, bps: number) => Math.floor((minor * bps) / 10_000 + 0.5);
const compact = (at: number) =>
  new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const toMinor = (amount: string, decimals: number) => Math.round(Number(amount) * 10 ** decimals);

describe('reconciliation of 1,000 operations', () => {
  let platform: TestPlatform;
  const books: Book[] = [];
  const started = Date.now();

  beforeAll(async () => {
    platform = await createTestPlatform();
    const setups: [Region, string, number, Fees][] = [
      ['NA', 'USD', 2, { bps: 290, fixed: 30, chargeback: 2000 }], // the NA default
      ['EU', 'EUR', 2, { bps: 345, fixed: 10, chargeback: 1200 }], // set through the admin side
      ['JP', 'JPY', 0, { bps: 390, fixed: 0, chargeback: 2000 }], // the JP default
    ];
    for (const [region, currency, decimals, fees] of setups) {
      const merchant = await platform.createMerchant({ region });
      if (region === 'EU')
        await setFeeSchedule(platform.localpay.deps, merchant.merchantId, {
          percentageBasisPoints: fees.bps,
          fixedFeeMinor: fees.fixed,
          chargebackFeeMinor: fees.chargeback,
        });
      const client = new sdk.WebStoreClient({ ...platform.sdkConfig(merchant) });
      const permissionId = await setUpSavedWallet(client, platform, merchant);
      books.push({
        merchant,
        client,
        currency,
        decimals,
        fees,
        permissionId,
        expected: new Map(),
        captured: [],
        operations: 0,
        advancedMs: 0,
      });
    }
  });
  afterAll(() => platform.close());

  const format = (book: Book, minor: number) =>
    book.decimals === 0 ? String(minor) : (minor / 100).toFixed(2);
  const price = (book: Book, minor: number) => ({
    amount: format(book, minor),
    currencyCode: book.currency,
  });

  async function advance(book: Book, ms: number): Promise<void> {
    await platform.advanceClock(book.merchant.merchantId, ms);
    book.advancedMs += ms;
  }

  /** One merchant's share of the operations, in order (its clock is its own). */
  async function operate(book: Book, count: number, next: () => number): Promise<void> {
    const { client, fees } = book;
    const size = () =>
      book.decimals === 0 ? 100 + Math.floor(next() * 9_900) : 100 + Math.floor(next() * 9_900);
    for (let done = 0; done < count; done += 1) {
      const roll = next();
      if (roll < 0.35) {
        const minor = size();
        const created = await client.createCharge(
          {
            chargePermissionId: book.permissionId,
            chargeAmount: price(book, minor),
            chargeInitiator: 'MITR',
            channel: 'Web',
            captureNow: true,
          },
          idem(),
        );
        const id = String(created.data.chargeId);
        book.expected.set(id, {
          type: 'Capture',
          amount: minor,
          pct: -pct(minor, fees.bps),
          fixed: fees.fixed === 0 ? 0 : -fees.fixed,
        });
        book.captured.push({ id, amount: minor, refundable: minor, disputed: false });
      } else if (roll < 0.5) {
        const minor = size();
        const created = await client.createCharge(
          {
            chargePermissionId: book.permissionId,
            chargeAmount: price(book, minor),
            chargeInitiator: 'MITR',
            channel: 'Web',
            captureNow: false,
          },
          idem(),
        );
        const id = String(created.data.chargeId);
        const part = Math.max(1, Math.floor(minor * (0.3 + next() * 0.7)));
        await client.captureCharge(id, { captureAmount: price(book, part) }, idem());
        book.expected.set(id, {
          type: 'Capture',
          amount: part,
          pct: -pct(part, fees.bps),
          fixed: fees.fixed === 0 ? 0 : -fees.fixed,
        });
        book.captured.push({ id, amount: part, refundable: part, disputed: false });
        done += 1; // authorize and capture: two operations
      } else if (roll < 0.68) {
        const target = book.captured.find((c) => c.refundable > 0 && !c.disputed && next() < 0.5);
        if (!target) continue;
        const minor = Math.max(
          1,
          Math.min(target.refundable, Math.floor(target.refundable * (0.2 + next()))),
        );
        const refund = await client.createRefund(
          { chargeId: target.id, refundAmount: price(book, minor) },
          idem(),
        );
        target.refundable -= minor;
        book.expected.set(String(refund.data.refundId), {
          type: 'Refund',
          amount: -minor,
          pct: pct(minor, fees.bps),
          fixed: 0,
        });
      } else if (roll < 0.8) {
        const declined = await sdkFailure(
          client.createCharge(
            {
              chargePermissionId: book.permissionId,
              chargeAmount: price(book, size()),
              chargeInitiator: 'MITR',
              captureNow: true,
            },
            idem({ 'x-amz-pay-simulation-code': 'SoftDeclined' }),
          ),
        );
        expect(declined.data.reasonCode).toBe('SoftDeclined');
      } else if (roll < 0.88) {
        const target = book.captured.find((c) => c.refundable === c.amount && !c.disputed);
        if (!target) continue;
        target.disputed = true;
        const deps = platform.localpay.deps;
        const dispute = await openDisputeAsAdmin(deps, {
          chargeId: target.id,
          amount: null,
          filingReason: 'Fraudulent',
          resolutionAuthority: 'AmazonPay',
          providerDisputeId: null,
        });
        book.expected.set(`${dispute.id} Chargeback`, {
          type: 'Chargeback',
          amount: -target.amount,
          pct: 0,
          fixed: -fees.chargeback,
        });
        const merchantWins = next() < 0.5;
        await resolveDisputeAsAdmin(deps, dispute.id, merchantWins ? 'MerchantWon' : 'BuyerWon');
        if (merchantWins)
          book.expected.set(`${dispute.id} Adjustment`, {
            type: 'Adjustment',
            amount: target.amount,
            pct: 0,
            fixed: 0,
          });
        done += 1; // open and resolve
      } else {
        // Clock moves: about four months over the run, sometimes across midnight several times.
        await advance(book, Math.floor(next() * 3.5 * DAY) + 60_000);
      }
    }
    book.operations += count;
  }

  it('settles, reports and disburses to the cent', { timeout: 120_000 }, async () => {
    const share = Math.floor(OPERATIONS / books.length);
    await Promise.all(
      books.map((book, index) =>
        operate(
          book,
          index === 0 ? OPERATIONS - share * (books.length - 1) : share,
          random(7 + index),
        ),
      ),
    );
    for (const book of books) {
      // Let refunds complete and every period close, then ask for everything since the start.
      await advance(book, 2 * DAY);
      // A minute more, so the report's endTime (whole seconds) lies after the last posting.
      await advance(book, 60_000);
      const { client } = book;
      const created = await client.createReport(
        {
          reportType: SANDBOX_SETTLEMENT,
          startTime: compact(started - DAY),
          endTime: compact(Date.now() + book.advancedMs),
        },
        idem(),
      );
      await advance(book, 60_000);
      const report = await client.getReportById(String(created.data.reportId));
      expect(report.data.processingStatus).toBe('COMPLETED');
      const document = await client.getReportDocument(String(report.data.reportDocumentId));
      const csv = await (await fetch(String(document.data.url))).text();
      const rows = settlementRows(csv);

      // Every row is one of the test's own money movements, with the documented fees, and back.
      const seen = new Map<string, Expected>();
      const netBySettlement = new Map<string, number>();
      for (const row of rows) {
        const [
          ,
          settlementId = '',
          transactionId = '',
          ,
          type = '',
          ,
          ,
          ,
          currency,
          amount = '',
          pctFee = '',
          fixedFee = '',
          total = '',
          net = '',
        ] = row;
        expect(currency).toBe(book.currency);
        const key =
          type === 'Chargeback' || type === 'Adjustment'
            ? `${transactionId} ${type}`
            : transactionId;
        const line = {
          type,
          amount: toMinor(amount, book.decimals),
          pct: toMinor(pctFee, book.decimals),
          fixed: toMinor(fixedFee, book.decimals),
        };
        expect(toMinor(total, book.decimals)).toBe(line.pct + line.fixed);
        expect(toMinor(net, book.decimals)).toBe(line.amount + line.pct + line.fixed);
        seen.set(key, line);
        netBySettlement.set(
          settlementId,
          (netBySettlement.get(settlementId) ?? 0) + toMinor(net, book.decimals),
        );
      }
      expect(seen).toEqual(book.expected);

      // Once the last period closes, the disbursements, page by page, are the report's settlements.
      await advance(book, DAY);
      const paid = new Map<string, number>();
      let nextToken: string | null = null;
      do {
        const query: Record<string, string> = {
          startTime: compact(started - DAY),
          endTime: compact(Date.now() + 400 * DAY),
          pageSize: '7',
          ...(nextToken ? { nextToken } : {}),
        };
        const page = await client.apiCall({
          method: 'GET',
          urlFragment: 'disbursements',
          queryParams: query,
        });
        for (const d of page.data.disbursements as {
          settlementId: string;
          amount: string;
          currencyCode: string;
        }[]) {
          expect(d.currencyCode).toBe(book.currency);
          paid.set(d.settlementId, toMinor(d.amount, book.decimals));
        }
        nextToken = page.data.nextToken as string | null;
      } while (nextToken);
      expect(paid).toEqual(netBySettlement);
      const expectedTotal = [...book.expected.values()].reduce(
        (sum, e) => sum + e.amount + e.pct + e.fixed,
        0,
      );
      expect([...paid.values()].reduce((a, b) => a + b, 0)).toBe(expectedTotal);
      expect(paid.size).toBeGreaterThan(20);
    }
    expect(books.reduce((sum, book) => sum + book.operations, 0)).toBe(OPERATIONS);
  });
});
