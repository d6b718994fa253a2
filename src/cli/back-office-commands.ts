/**
 * `localpay fees …` and `localpay disputes …`: a merchant's fee schedule, and the buyer's side of
 * a chargeback (open one on a captured charge, then decide it).
 */
import { resolveDisputeAsAdmin } from '../app/back-office/dispute-operations.js';
import { getFeeSchedule, setFeeSchedule } from '../app/back-office/fees.js';
import { openDisputeAsAdmin } from '../app/back-office/open-dispute.js';
import type { AppDependencies } from '../app/ports.js';
import {
  FILING_REASONS,
  RESOLUTIONS,
  type FilingReason,
  type Resolution,
} from '../domain/dispute/dispute.js';

export const BACK_OFFICE_USAGE = `  fees show --merchant ID                  a merchant's fees (region default until set)
  fees set --merchant ID --percent-bp 290 --fixed-minor 30 --chargeback-minor 2000
                                          set the percentage (basis points), per-capture and chargeback fees
  disputes open --id CHARGE_ID [--reason Fraudulent]
                                          the buyer files a chargeback on a captured charge
  disputes resolve --id DISPUTE_ID --resolution BuyerWon|MerchantWon|NoFault
                                          Amazon's decision on the dispute`;

export const BACK_OFFICE_OPTIONS = {
  'percent-bp': { type: 'string' },
  'fixed-minor': { type: 'string' },
  'chargeback-minor': { type: 'string' },
  reason: { type: 'string' },
  resolution: { type: 'string' },
} as const;

export const BACK_OFFICE_COMMANDS = ['fees show', 'fees set', 'disputes open', 'disputes resolve'];

type Flags = Readonly<Record<string, unknown>>;

export async function backOfficeCommand(
  deps: AppDependencies,
  command: string,
  flags: Flags,
  print: (value: unknown) => void,
  usage: (message: string) => Error,
): Promise<void> {
  const need = (name: string): string => {
    const value = flags[name];
    if (typeof value !== 'string' || value === '') throw usage(`--${name} is required.`);
    return value;
  };
  const whole = (name: string): number => {
    const value = Number(need(name));
    if (!Number.isSafeInteger(value)) throw usage(`--${name} must be a whole number.`);
    return value;
  };
  switch (command) {
    case 'fees show':
      return print(await getFeeSchedule(deps, need('merchant')));
    case 'fees set':
      return print(
        await setFeeSchedule(deps, need('merchant'), {
          percentageBasisPoints: whole('percent-bp'),
          fixedFeeMinor: whole('fixed-minor'),
          chargebackFeeMinor: whole('chargeback-minor'),
        }),
      );
    case 'disputes open': {
      const reason = (flags.reason ?? 'Fraudulent') as string;
      if (!(FILING_REASONS as readonly string[]).includes(reason))
        throw usage(`--reason must be one of ${FILING_REASONS.join(', ')}.`);
      return print(
        await openDisputeAsAdmin(deps, {
          chargeId: need('id'),
          amount: null,
          filingReason: reason as FilingReason,
          resolutionAuthority: 'AmazonPay',
          providerDisputeId: null,
        }),
      );
    }
    case 'disputes resolve': {
      const resolution = need('resolution');
      if (!(RESOLUTIONS as readonly string[]).includes(resolution))
        throw usage(`--resolution must be one of ${RESOLUTIONS.join(', ')}.`);
      return print(await resolveDisputeAsAdmin(deps, need('id'), resolution as Resolution));
    }
    default:
      throw usage(`Unknown command '${command}'.`);
  }
}
