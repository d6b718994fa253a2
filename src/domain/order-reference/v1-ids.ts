import { REGION_ID_DIGITS, type Region, type ReleaseEnvironment } from '../shared/environment.js';
import type { RandomSource } from '../shared/ids.js';

/**
 * v1 contract ids (spec v1 §2.1): the first letter tells order reference from billing agreement
 * and Live from Sandbox (SDKs classify ids by it): P/S order references, B/C billing agreements.
 */
const LETTER = {
  OrderReference: { Live: 'P', Sandbox: 'S' },
  BillingAgreement: { Live: 'B', Sandbox: 'C' },
} as const satisfies Record<
  'OrderReference' | 'BillingAgreement',
  Record<ReleaseEnvironment, string>
>;

export function newV1ContractId(
  random: RandomSource,
  kind: keyof typeof LETTER,
  environment: ReleaseEnvironment,
  region: Region,
): string {
  return `${LETTER[kind][environment]}${REGION_ID_DIGITS[region]}-${random.digits(7)}-${random.digits(7)}`;
}

/** Which kind of contract an id names, by its first letter (as the PHP and Python SDKs decide). */
export function v1ContractKind(id: string): 'OrderReference' | 'BillingAgreement' | null {
  if (/^[PS]\d{2}-\d{7}-\d{7}$/.test(id)) return 'OrderReference';
  if (/^[BC]\d{2}-\d{7}-\d{7}$/.test(id)) return 'BillingAgreement';
  return null;
}
