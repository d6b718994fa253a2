import { z } from 'zod';
import {
  UPDATABLE_STATES,
  type ChargeStatusUpdate,
} from '../../../domain/charge/charge-status-update.js';
import type { StoreInput } from '../../../app/partners/partner-stores.js';
import type { RegisterAccountInput } from '../../../app/partners/merchant-accounts.js';

/**
 * Request bodies of the partner operations (issue 13). Field names are the SDKs' (Node 2.3.4 and
 * PHP 2.7.2 READMEs, .NET AccountManagement types). The account documents (businessInfo, contact
 * persons, owners, integration info, merchant status) are long and their full field lists are not
 * public, so they must be JSON objects (arrays for beneficiaryOwners) and are kept as sent.
 */
const document = z.record(z.string(), z.unknown());

const storeFields = {
  storeName: z.string().max(100, 'at most 100 characters').optional(),
  domainUrls: z.array(z.string().url()).optional(),
  allowedOriginDomains: z.array(z.string().url()).optional(),
  allowedRedirectURLs: z.array(z.string().url()).optional(),
  privacyPolicyUrl: z.string().url().optional(),
  merchantLogoUrl: z.string().url().optional(),
  storeStatus: z
    .strictObject({ state: z.string().min(1), reasonCode: z.string().nullish() })
    .optional(),
};

export const storeSchema = z.strictObject(storeFields);
export const createStoreSchema = z.strictObject({
  ...storeFields,
  storeName: z.string().min(1).max(100, 'at most 100 characters'),
});

export const toStoreInput = ({
  storeName,
  ...details
}: z.output<typeof storeSchema>): StoreInput => ({
  storeName,
  details,
});

const accountDocuments = {
  businessInfo: document,
  primaryContactPerson: document.optional(),
  beneficiaryOwners: z.array(document).optional(),
  integrationInfo: document.optional(),
  merchantStatus: document.optional(),
};

export const registerAccountSchema = z.strictObject({
  uniqueReferenceId: z.string().min(1).max(256, 'at most 256 characters'),
  ledgerCurrency: z.string().length(3),
  ...accountDocuments,
  stores: z.array(storeSchema).max(10, 'at most 10 stores').optional(),
});

export function toRegisterAccountInput(
  body: z.output<typeof registerAccountSchema>,
): RegisterAccountInput {
  const { uniqueReferenceId, ledgerCurrency, stores, ...details } = body;
  return { uniqueReferenceId, ledgerCurrency, details, stores: (stores ?? []).map(toStoreInput) };
}

export const updateAccountSchema = z.strictObject({
  ...accountDocuments,
  businessInfo: document.optional(),
});

export const claimAccountSchema = z.strictObject({
  uniqueReferenceId: z.string().min(1),
});

export const updateChargeSchema = z.strictObject({
  statusDetails: z.strictObject({
    state: z.enum(UPDATABLE_STATES),
    reasonCode: z.string().nullish(),
    reasonDescription: z.string().nullish(),
  }),
});

export const toChargeStatusUpdate = (
  body: z.output<typeof updateChargeSchema>,
): ChargeStatusUpdate => ({
  state: body.statusDetails.state,
  reasonCode: body.statusDetails.reasonCode ?? null,
  reasonDescription: body.statusDetails.reasonDescription ?? null,
});
