import type { Charge } from '../../domain/charge/charge.js';
import type { ChargePermission } from '../../domain/charge-permission/charge-permission.js';
import { openScannedPermission } from '../../domain/in-store/in-store-permission.js';
import { parseScanCode } from '../../domain/in-store/scan-codes.js';
import type { Refund } from '../../domain/refund/refund.js';
import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import { newChargePermissionId } from '../../domain/shared/ids.js';
import type { MerchantMetadata } from '../../domain/shared/merchant-metadata.js';
import type { Money } from '../../domain/shared/money.js';
import { createCharge, type CreateChargeResult } from '../create-charge.js';
import { loadCharge } from '../load-aggregates.js';
import { createRefund } from '../refund-operations.js';
import type { Unit } from '../unit-of-work.js';

/**
 * The In-Store API (POST /v2/in-store/merchantScan, /charge, /refund; InStoreClient of the Node
 * SDK). A scan opens a charge permission for the buyer behind the code; the charge and the refund
 * are Create Charge and Create Refund on it (captured at once, at the point of sale), so limits,
 * declines, the ledger (charge and refund amounts) and IPNs are the online ones.
 */
export interface MerchantScanInput {
  readonly scanData: string;
  readonly scanReferenceId: string;
  readonly merchantCOE: string;
  readonly ledgerCurrency: string;
  readonly chargeTotal: Money | null;
  readonly merchantMetadata: MerchantMetadata;
}

export async function merchantScan(
  unit: Unit,
  input: MerchantScanInput,
): Promise<ChargePermission> {
  const code = parseScanCode(input.scanData);
  const holders = (await unit.tx.testBuyers.listByMerchant(unit.merchant.merchantId)).filter(
    (buyer) => buyer.instruments.some((card) => card.cardEnding === code.cardEnding),
  );
  const buyer = holders[code.buyerIndex];
  const instrument = buyer?.instruments.find((card) => card.cardEnding === code.cardEnding);
  if (buyer === undefined || instrument === undefined)
    throw invalidParameter(
      'scanData',
      `no test buyer number ${code.buyerIndex + 1} of this merchant holds a card ending ${code.cardEnding}.`,
    );
  const permission = openScannedPermission(
    {
      id: newChargePermissionId(
        unit.random,
        'OneTime',
        unit.scope.environment,
        unit.merchant.region,
      ),
      merchantId: unit.merchant.merchantId,
      environment: unit.scope.environment,
      region: unit.merchant.region,
      ledgerCurrency: input.ledgerCurrency,
      merchantCOE: input.merchantCOE,
      chargeTotal: input.chargeTotal,
      buyer: buyer.details,
      instrument,
      merchantMetadata: input.merchantMetadata,
    },
    unit.now,
  );
  await unit.tx.chargePermissions.insert(permission);
  return permission;
}

export interface InStoreChargeInput {
  readonly chargePermissionId: string;
  readonly chargeTotal: Money;
  readonly softDescriptor: string | null;
  readonly merchantMetadata: MerchantMetadata;
}

/**
 * A point-of-sale charge is captured at once. The buyer authenticated in the Amazon app to show
 * the code, so no chargeInitiator is sent and localpay's SCA policy asks for no further challenge.
 */
export function inStoreCharge(unit: Unit, input: InStoreChargeInput): Promise<CreateChargeResult> {
  return createCharge(
    unit,
    {
      chargePermissionId: input.chargePermissionId,
      chargeAmount: input.chargeTotal,
      captureNow: true,
      softDescriptor: input.softDescriptor,
      canHandlePendingAuthorization: true,
      merchantMetadata: input.merchantMetadata,
      channel: 'PointOfSale',
    },
    null,
  );
}

export interface InStoreRefundInput {
  readonly chargeId: string;
  readonly refundTotal: Money;
  readonly softDescriptor: string | null;
}

/** Only point-of-sale charges are refunded here; online ones go through Create Refund. */
export async function inStoreRefund(unit: Unit, input: InStoreRefundInput): Promise<Refund> {
  const charge: Charge = await loadCharge(unit, input.chargeId);
  if (charge.channel !== 'PointOfSale')
    throw new DomainError(
      'InvalidRequest',
      `The Charge ${charge.id} was not made in store; refund it with Create Refund (POST /v2/refunds).`,
    );
  return createRefund(
    unit,
    {
      chargeId: input.chargeId,
      refundAmount: input.refundTotal,
      softDescriptor: input.softDescriptor,
    },
    null,
  );
}
