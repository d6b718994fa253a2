import { DomainError } from '../../domain/shared/errors.js';
import { MwsParams } from './mws-params.js';

/**
 * NextToken of GetReportRequestList and GetReportList (Reports API 2009-01-01): opaque to the
 * caller; here it carries the listing's filter parameters as sent and the next offset, so the
 * next page is computed again from the one report store, and the parameters are checked again by
 * the same parser. A token of another listing, or not one of ours, is refused.
 */
export type ListingKind = 'ReportRequestList' | 'ReportList';

interface ListingToken {
  readonly kind: ListingKind;
  readonly filter: Readonly<Record<string, string>>;
  readonly offset: number;
}

const encodeToken = (token: ListingToken): string =>
  Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');

/** The filter parameters the token was issued for, and where the next page starts. */
export function decodeToken(
  params: MwsParams,
  kind: ListingKind,
): { readonly filter: MwsParams; readonly offset: number } {
  const value = params.required('NextToken');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  const token = decoded as Partial<ListingToken> | null;
  if (
    token === null ||
    typeof token !== 'object' ||
    token.kind !== kind ||
    typeof token.offset !== 'number' ||
    !Number.isSafeInteger(token.offset) ||
    token.offset < 0 ||
    typeof token.filter !== 'object' ||
    token.filter === null ||
    !Object.values(token.filter).every((field) => typeof field === 'string')
  )
    throw new DomainError(
      'InvalidParameterValue',
      `NextToken ${value} is not a token that Get${kind} issued.`,
    );
  return { filter: new MwsParams(new Map(Object.entries(token.filter))), offset: token.offset };
}

/** One page of `all` from `offset`; NextToken only when more remain (HasNext true). */
export function page<T>(
  all: readonly T[],
  kind: ListingKind,
  filter: Readonly<Record<string, string>>,
  offset: number,
  max: number,
): { readonly items: readonly T[]; readonly next: string | null } {
  const items = all.slice(offset, offset + max);
  const more = offset + max < all.length;
  return {
    items,
    next: more ? encodeToken({ kind, filter, offset: offset + max }) : null,
  };
}
