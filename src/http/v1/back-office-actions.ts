import {
  listOrderReferences,
  type OrderReferenceQuery,
} from '../../app/v1/list-order-references.js';
import {
  getMerchantNotificationConfiguration,
  setMerchantNotificationConfiguration,
} from '../../app/v1/merchant-notification-configuration.js';
import { orderReferenceDetails } from '../../app/v1/v1-details.js';
import {
  ORDER_REFERENCE_STATES,
  type OrderReferenceState,
} from '../../domain/order-reference/order-reference.js';
import { invalidParameter } from '../../domain/shared/errors.js';
import type { XmlContent } from '../../app/ports.js';
import { read, write, type MwsAction, type MwsActionContext } from './mws-actions.js';
import type { MwsParams } from './mws-params.js';

/**
 * The rest of v1 (spec v1 §2.6, §2.9): ListOrderReference and its next page, and the merchant's
 * notification configuration.
 */
const MAX_PAGE_SIZE = 100;

function time(params: MwsParams, name: string): number | null {
  const value = params.optional(name);
  if (value === null) return null;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) throw invalidParameter(name, `'${value}' is not an ISO 8601 time.`);
  return at;
}

function queryOf(params: MwsParams): OrderReferenceQuery {
  const queryIdType = params.required('QueryIdType');
  if (queryIdType !== 'SellerOrderId')
    throw invalidParameter('QueryIdType', 'it must be SellerOrderId.');
  const statuses = params.list('OrderReferenceStatusListFilter.OrderReferenceStatus');
  for (const status of statuses ?? [])
    if (!(ORDER_REFERENCE_STATES as readonly string[]).includes(status))
      throw invalidParameter(
        'OrderReferenceStatus',
        `'${status}' is not an order reference state.`,
      );
  const sortOrder = params.optional('SortOrder') ?? 'Descending';
  if (sortOrder !== 'Ascending' && sortOrder !== 'Descending')
    throw invalidParameter('SortOrder', 'it must be Ascending or Descending.');
  const pageSize = params.integer('PageSize', MAX_PAGE_SIZE);
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    throw invalidParameter('PageSize', `it must be from 1 to ${MAX_PAGE_SIZE}.`);
  return {
    sellerOrderId: params.required('QueryId'),
    paymentDomain: params.required('PaymentDomain'),
    from: time(params, 'CreatedTimeRange.StartTime'),
    to: time(params, 'CreatedTimeRange.EndTime'),
    statuses:
      statuses === undefined || statuses.length === 0 ? null : (statuses as OrderReferenceState[]),
    sortOrder,
    pageSize,
    offset: 0,
  };
}

/** The token carries the whole query, so ByNextToken needs nothing else (opaque base64). */
const tokenOf = (query: OrderReferenceQuery, offset: number | null): string | null =>
  offset === null ? null : Buffer.from(JSON.stringify({ ...query, offset })).toString('base64');

function queryOfToken(token: string): OrderReferenceQuery {
  try {
    const query = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as OrderReferenceQuery;
    if (typeof query.sellerOrderId === 'string' && Number.isInteger(query.offset)) return query;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('NextPageToken', 'it is not a token this API returned.');
}

async function page({ unit }: MwsActionContext, query: OrderReferenceQuery): Promise<XmlContent> {
  const result = await listOrderReferences(unit, query);
  return {
    OrderReferenceList: {
      OrderReference: result.orderReferences.map((oro) => {
        const details = orderReferenceDetails(oro, { reveal: false });
        return {
          ReleaseEnvironment: details.ReleaseEnvironment ?? null,
          OrderReferenceStatus: details.OrderReferenceStatus ?? null,
          AmazonOrderReferenceId: details.AmazonOrderReferenceId ?? null,
          CreationTimestamp: details.CreationTimestamp ?? null,
          SellerOrderAttributes: details.SellerOrderAttributes ?? null,
          OrderTotal: details.OrderTotal ?? null,
          SellerNote: details.SellerNote ?? null,
          OrderLanguage: details.OrderLanguage ?? null,
        };
      }),
    },
    NextPageToken: tokenOf(query, result.nextOffset),
  };
}

function configurations(params: MwsParams) {
  const list: { notificationUrl: string; eventTypes: string[] }[] = [];
  for (let n = 1; ; n += 1) {
    const prefix = `NotificationConfigurationList.NotificationConfiguration.${n}`;
    const url = params.optional(`${prefix}.NotificationUrl`);
    if (url === null) break;
    list.push({
      notificationUrl: url,
      eventTypes: params.list(`${prefix}.EventTypes.EventTypeList`) ?? ['ALL'],
    });
  }
  return list;
}

export const BACK_OFFICE_ACTIONS: Readonly<Record<string, MwsAction>> = {
  ListOrderReference: read((context) => page(context, queryOf(context.params))),
  ListOrderReferenceByNextToken: read((context) =>
    page(context, queryOfToken(context.params.required('NextPageToken'))),
  ),
  SetMerchantNotificationConfiguration: write(async ({ unit, params }) => {
    await setMerchantNotificationConfiguration(unit, configurations(params));
    return undefined;
  }),
  GetMerchantNotificationConfiguration: read(async ({ unit }) => ({
    NotificationConfigurationList: {
      member: (await getMerchantNotificationConfiguration(unit)).map((c) => ({
        NotificationUrl: c.notificationUrl,
        EventTypes: { member: [...c.eventTypes] },
      })),
    },
  })),
};
