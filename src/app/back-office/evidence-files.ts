import { DomainError, invalidParameter } from '../../domain/shared/errors.js';
import { HOUR } from '../../domain/shared/time.js';
import type { AppDependencies } from '../ports.js';
import type { Unit } from '../unit-of-work.js';
import type { EvidenceFile } from './back-office-ports.js';

/** File types and purpose accepted by Upload File (Node SDK sample: type "jpg", purpose "disputeEvidence"). */
export const FILE_TYPES = ['jpg', 'jpeg', 'png', 'pdf', 'txt'] as const;
export const FILE_PURPOSES = ['disputeEvidence'] as const;
/** localpay's size limit for one evidence file (docs/decisions.md). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** How long the upload URL is valid. */
export const UPLOAD_URL_LIFETIME = HOUR;

/** Upload File (POST /v2/files): creates the file and answers where to PUT its bytes. */
export async function createEvidenceFile(
  unit: Unit,
  input: { readonly type: string; readonly purpose: string },
): Promise<EvidenceFile> {
  if (!(FILE_TYPES as readonly string[]).includes(input.type.toLowerCase()))
    throw invalidParameter('type', `it must be one of ${FILE_TYPES.join(', ')}.`);
  if (!(FILE_PURPOSES as readonly string[]).includes(input.purpose))
    throw invalidParameter('purpose', `it must be ${FILE_PURPOSES.join(', ')}.`);
  const file: EvidenceFile = {
    id: unit.random.uuid().replace(/-/g, ''),
    merchantId: unit.scope.merchantId,
    environment: unit.scope.environment,
    type: input.type.toLowerCase(),
    purpose: input.purpose,
    size: 0,
    uploadedAt: null,
    createdAt: unit.now,
  };
  await unit.tx.evidenceFiles.insert(file);
  return file;
}

/** The PUT to the upload URL: stores the bytes once, within the URL's lifetime. */
export function uploadEvidenceFile(
  deps: AppDependencies,
  id: string,
  content: Buffer,
): Promise<EvidenceFile | undefined> {
  return deps.store.transaction(async (tx) => {
    const file = await tx.evidenceFiles.findById(id);
    if (file === undefined) return undefined;
    const merchant = await tx.merchants.find(file.merchantId);
    const now = deps.clock.now() + (merchant?.clockOffsetMs ?? 0);
    if (now > file.createdAt + UPLOAD_URL_LIFETIME)
      throw new DomainError('InvalidRequest', 'The upload URL has expired; create a new file.');
    if (content.length === 0 || content.length > MAX_FILE_BYTES)
      throw new DomainError('InvalidRequest', `A file must have 1 to ${MAX_FILE_BYTES} bytes.`);
    const uploaded = { ...file, size: content.length, uploadedAt: now };
    await tx.evidenceFiles.upload(uploaded, content.toString('base64'));
    return uploaded;
  });
}
