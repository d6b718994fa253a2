import { invalidParameter } from '../shared/errors.js';
import { TEST_CARDS } from '../simulation/payment-instruments.js';

/**
 * In-store test codes (issue 13). At a till the merchant scans a code the buyer shows in the Amazon
 * app; Amazon's code identifies the buyer and the payment method they chose. The In-Store guide is
 * not public (Node/PHP/Java SDK READMEs: "contact your Amazon Pay Account Manager … to obtain a copy
 * of the In-Store Integration Guide"), so localpay defines its sandbox codes, like the sandbox cards:
 * `LOCALPAY-SCAN-<card ending>` is the merchant's first test buyer paying with that sandbox card,
 * and `LOCALPAY-SCAN-<card ending>-<n>` the n-th test buyer (1-based) holding it. The card's
 * sandbox behaviour then applies (1111 succeeds, 3434 is declined, 0701 is pending, …).
 */
export const SCAN_CODE_PREFIX = 'LOCALPAY-SCAN-';

export interface ScannedCode {
  readonly cardEnding: string;
  /** Index into the merchant's test buyers, in the order they were added. */
  readonly buyerIndex: number;
}

const PATTERN = /^LOCALPAY-SCAN-(\d{4})(?:-([1-9]\d{0,2}))?$/;

export function parseScanCode(scanData: string): ScannedCode {
  const match = PATTERN.exec(scanData.trim());
  if (match === null)
    throw invalidParameter(
      'scanData',
      `it is not a code localpay's sandbox recognises (${SCAN_CODE_PREFIX}<card ending>[-<buyer number>], e.g. ${SCAN_CODE_PREFIX}1111).`,
    );
  return { cardEnding: match[1] ?? '', buyerIndex: Number(match[2] ?? '1') - 1 };
}

/** The documented codes, one per sandbox card, for help texts and docs. */
export const SANDBOX_SCAN_CODES: readonly string[] = TEST_CARDS.map(
  (card) => `${SCAN_CODE_PREFIX}${card.cardEnding}`,
);
