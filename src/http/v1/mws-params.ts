import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import { parseMoney, type Money } from '../../domain/shared/money.js';
import { MwsTransportError } from './mws-errors.js';

/** Reads an action's parameters (form fields, nested names flattened with dots, spec v1 §2.10). */
export class MwsParams {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  optional(name: string): string | null {
    const value = this.values.get(name);
    return value === undefined || value === '' ? null : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === null)
      throw new MwsTransportError(
        'MissingParameter',
        `The request must contain the parameter ${name}.`,
      );
    return value;
  }

  /** First of several names a parameter is sent under by different SDKs. */
  firstOf(...names: string[]): string | null {
    for (const name of names) {
      const value = this.optional(name);
      if (value !== null) return value;
    }
    return null;
  }

  /** `true`/`false` in any case (spec v1 §2.10); absent gives the fallback. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.optional(name);
    if (value === null) return fallback;
    if (/^true$/i.test(value)) return true;
    if (/^false$/i.test(value)) return false;
    throw invalidParameter(name, "use 'true' or 'false'.");
  }

  integer(name: string, fallback: number): number {
    const value = this.optional(name);
    if (value === null) return fallback;
    if (!/^\d{1,9}$/.test(value)) throw invalidParameter(name, 'it must be a whole number.');
    return Number(value);
  }

  /**
   * `{prefix}.Amount` and `{prefix}.CurrencyCode`; absent when no Amount is sent (PHP adds a lone
   * CurrencyCode to some actions, spec v1 §2.10).
   */
  money(prefix: string): Money | null {
    const amount = this.optional(`${prefix}.Amount`);
    if (amount === null) return null;
    try {
      return parseMoney(amount, this.optional(`${prefix}.CurrencyCode`) ?? undefined, prefix);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const message = error.message
        .replace('.currencyCode', '.CurrencyCode')
        .replace('.amount', '.Amount');
      throw new DomainError(error.code, message);
    }
  }

  requiredMoney(prefix: string): Money {
    const value = this.money(prefix);
    if (value === null)
      throw new MwsTransportError(
        'MissingParameter',
        `The request must contain the parameter ${prefix}.Amount.`,
      );
    return value;
  }

  /** `{prefix}.1`, `{prefix}.2`, … in order (1-based lists, spec v1 §2.6). */
  list(prefix: string): string[] | undefined {
    const found: string[] = [];
    for (let n = 1; ; n += 1) {
      const value = this.optional(`${prefix}.${n}`);
      if (value === null) break;
      found.push(value);
    }
    return found.length === 0 ? undefined : found;
  }

  /** The fields named `name` or `name.…` for each name given (a listing's filter, to replay it). */
  pick(names: readonly string[]): Record<string, string> {
    const picked: Record<string, string> = {};
    for (const [field, value] of this.values)
      if (names.some((name) => field === name || field.startsWith(`${name}.`)))
        picked[field] = value;
    return picked;
  }

  /**
   * `{prefix}.member.N.ProviderId` with `{prefix}.member.N.{amount}.Amount|CurrencyCode`, N from 1
   * (ProviderCreditList, ProviderCreditReversalList, spec v1 §2.8); empty when absent.
   */
  providerList(
    prefix: string,
    amount: string,
  ): { readonly providerId: string; readonly amount: Money }[] {
    const found = [];
    for (let n = 1; ; n += 1) {
      const member = `${prefix}.member.${n}`;
      const providerId = this.optional(`${member}.ProviderId`);
      const value = this.money(`${member}.${amount}`);
      if (providerId === null && value === null) break;
      if (providerId === null) throw invalidParameter(`${member}.ProviderId`, 'it is required.');
      if (value === null) throw invalidParameter(`${member}.${amount}.Amount`, 'it is required.');
      found.push({ providerId, amount: value });
    }
    return found;
  }

  /** Present-but-empty fields clear nothing: undefined means "leave as it is". */
  patchValue(name: string): string | undefined {
    return this.optional(name) ?? undefined;
  }
}
