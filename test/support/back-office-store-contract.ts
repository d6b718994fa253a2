import { expect, it } from 'vitest';
import { UniqueViolation, type Scope, type Transaction } from '../../src/app/ports.js';
import { openDispute } from '../../src/domain/dispute/dispute-operations.js';
import type { Charge } from '../../src/domain/charge/charge.js';
import { DEFAULT_FEES } from '../../src/domain/ledger/fee-schedule.js';
import { captureEntry } from '../../src/domain/ledger/ledger-postings.js';
import { newReport, settleReport } from '../../src/domain/report/report.js';
import { money } from '../../src/domain/shared/money.js';

/**
 * The back-office part of the store contract (test/store-contract.test.ts), run on every dialect:
 * ledger rows in posting order and scoped, one posting per id, fee schedules upserted, report
 * listings filtered and paged, documents, disputes by charge, and evidence uploads.
 */
export interface BackOfficeContext {
  inTx<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  scope(): Scope;
}

const T0 = Date.UTC(2026, 4, 1);

export function backOfficeContract(context: BackOfficeContext): void {
  const entry = (scope: Scope, id: string, postedAt: number) =>
    captureEntry(
      {
        id,
        merchantId: scope.merchantId,
        environment: scope.environment,
        postedAt,
        transactionId: `T-${id}`,
        orderReferenceId: 'S01-1',
        sellerReferenceId: null,
        sellerOrderId: null,
        storeName: null,
      },
      money(1000, 'USD'),
      DEFAULT_FEES.NA,
    );

  it('lists ledger entries of one scope in posting order, each posted once', async () => {
    const scope = context.scope();
    const other: Scope = { ...scope, environment: 'Live' };
    await context.inTx(async (tx) => {
      await tx.ledger.add(entry(scope, 'b', T0 + 2));
      await tx.ledger.add(entry(scope, 'a', T0 + 1));
      await tx.ledger.add(entry(scope, 'c', T0 + 10));
      await tx.ledger.add(entry(other, 'd', T0 + 1));
    });
    const listed = await context.inTx((tx) => tx.ledger.list(scope, { from: T0, to: T0 + 10 }));
    expect(listed.map((e) => e.id)).toEqual(['a', 'b']);
    await expect(context.inTx((tx) => tx.ledger.add(entry(scope, 'a', T0)))).rejects.toBeInstanceOf(
      UniqueViolation,
    );
  });

  it('pages through a range of ledger entries in posting order, ties by id', async () => {
    const scope = context.scope();
    await context.inTx(async (tx) => {
      for (const [id, at] of [
        ['p4', T0 + 2],
        ['p2', T0 + 1],
        ['p3', T0 + 2],
        ['p1', T0 + 1],
        ['p5', T0 + 3],
        ['p6', T0 + 9],
      ] as const)
        await tx.ledger.add(entry(scope, id, at));
    });
    const range = { from: T0 + 1, to: T0 + 9 };
    const pages: string[][] = [];
    for (let after = null as { postedAt: number; id: string } | null; ;) {
      const page = await context.inTx((tx) => tx.ledger.page(scope, range, after, 2));
      pages.push(page.map((e) => e.id));
      const last = page.at(-1);
      if (last === undefined) break;
      after = { postedAt: last.postedAt, id: last.id };
    }
    expect(pages).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5'], []]);
  });

  it('upserts fee schedules', async () => {
    const { merchantId } = context.scope();
    await context.inTx((tx) => tx.feeSchedules.put(merchantId, DEFAULT_FEES.NA, T0));
    await context.inTx((tx) =>
      tx.feeSchedules.put(merchantId, { ...DEFAULT_FEES.NA, fixedFeeMinor: 5 }, T0 + 1),
    );
    expect(await context.inTx((tx) => tx.feeSchedules.find(merchantId))).toEqual({
      ...DEFAULT_FEES.NA,
      fixedFeeMinor: 5,
    });
  });

  it('lists reports newest first, by type, status and creation time, and stores documents', async () => {
    const scope = context.scope();
    const report = (id: string, at: number) =>
      newReport({
        id,
        ...scope,
        reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_',
        startTime: 0,
        endTime: at,
        now: at,
      });
    await context.inTx(async (tx) => {
      await tx.reports.insert(report('1', T0));
      await tx.reports.insert(report('2', T0 + 1));
      await tx.reports.insert(settleReport(report('3', T0 + 2), T0 + 3_600_000, 'D3'));
      await tx.reportDocuments.insert({ id: 'D3', ...scope, content: 'csv', createdAt: T0 });
    });
    const filter = {
      reportTypes: null,
      processingStatuses: null,
      createdSince: null,
      createdUntil: null,
      offset: 0,
      limit: 10,
    };
    await context.inTx(async (tx) => {
      expect(await tx.reports.listIds(scope, filter)).toEqual(['3', '2', '1']);
      expect(
        await tx.reports.listIds(scope, { ...filter, processingStatuses: ['COMPLETED'] }),
      ).toEqual(['3']);
      expect(
        await tx.reports.listIds(scope, { ...filter, createdUntil: T0 + 1, offset: 1, limit: 1 }),
      ).toEqual(['1']);
      expect(await tx.reports.listIds(scope, { ...filter, reportTypes: ['OTHER'] })).toEqual([]);
      expect((await tx.reportDocuments.find(scope, 'D3'))?.content).toBe('csv');
      expect(
        await tx.reportDocuments.find({ ...scope, environment: 'Live' }, 'D3'),
      ).toBeUndefined();
    });
  });

  it('finds disputes by charge and stores evidence uploads', async () => {
    const scope = context.scope();
    const charge = {
      id: 'S01-1-1-C000001',
      chargePermissionId: 'S01-1-1',
      merchantId: scope.merchantId,
      environment: scope.environment,
      state: 'Captured',
      captureAmount: money(500, 'USD'),
    } as Charge;
    const dispute = openDispute(
      charge,
      {
        id: 'S01-1-1-B000001',
        amount: null,
        filingReason: 'Fraudulent',
        resolutionAuthority: 'AmazonPay',
        providerDisputeId: null,
      },
      T0,
    );
    const file = {
      id: 'F1',
      ...scope,
      type: 'pdf',
      purpose: 'disputeEvidence',
      size: 0,
      uploadedAt: null,
      createdAt: T0,
    };
    await context.inTx(async (tx) => {
      await tx.disputes.insert(dispute);
      await tx.evidenceFiles.insert(file);
      await tx.evidenceFiles.upload({ ...file, size: 3, uploadedAt: T0 + 1 }, 'YWJj');
    });
    await context.inTx(async (tx) => {
      expect(await tx.disputes.listByCharge(scope, charge.id)).toEqual([dispute]);
      expect(
        await tx.disputes.dueIds(scope.merchantId, dispute.merchantResponseDeadline, 10),
      ).toEqual([{ id: dispute.id, environment: scope.environment }]);
      expect(await tx.evidenceFiles.find(scope, 'F1')).toMatchObject({
        size: 3,
        uploadedAt: T0 + 1,
      });
    });
  });
}
