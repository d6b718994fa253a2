import type { Merchant } from '../../domain/merchant/merchant.js';
import { API_REGION } from '../../domain/shared/environment.js';
import { DomainError } from '../../domain/shared/errors.js';
import { ownEntry } from '../../domain/shared/own-entry.js';

/** Every spelling the SDKs send for each API region (spec §1.1, §2.3: Java sends `NA`, docs `us`). */
const ALIASES: Readonly<Record<string, string>> = {
  na: 'na',
  us: 'na',
  eu: 'eu',
  de: 'eu',
  uk: 'eu',
  jp: 'jp',
};

/** The signed x-amz-pay-region must be the merchant's (a wrong region was rejected for real, spec §2.3). */
export function checkRegion(header: string | undefined, merchant: Merchant): void {
  const sent = ownEntry(ALIASES, (header ?? '').toLowerCase());
  const expected = API_REGION[merchant.region];
  if (sent !== expected)
    throw new DomainError(
      'InvalidHeaderValue',
      `x-amz-pay-region '${header ?? ''}' does not match the merchant's region (${expected}); set the SDK's region to ${expected}.`,
    );
}
