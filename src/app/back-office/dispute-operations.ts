import {
  contestDispute as contestDomainDispute,
  resolveDispute as resolveDomainDispute,
  updateDispute as updateDomainDispute,
  type DisputeUpdate,
} from '../../domain/dispute/dispute-operations.js';
import type { Dispute, Evidence, Resolution } from '../../domain/dispute/dispute.js';
import { DomainError, notFound } from '../../domain/shared/errors.js';
import type { AppDependencies } from '../ports.js';
import { inMerchantUnit, type Unit } from '../unit-of-work.js';
import { loadDispute } from './back-office-loaders.js';
import { disputeChanged } from './dispute-effects.js';

async function save(unit: Unit, before: Dispute, after: Dispute): Promise<Dispute> {
  await unit.tx.disputes.update(after);
  await disputeChanged(unit, before, after);
  return after;
}

export const getDispute = loadDispute;

/**
 * Contest Dispute (amazon-pay-api-v2/dispute.html): evidence files must be this merchant's and
 * uploaded; the dispute moves to UnderReview until the authority decides.
 */
export async function contestDispute(
  unit: Unit,
  id: string,
  evidences: readonly Evidence[],
): Promise<Dispute> {
  for (const evidence of evidences) {
    if (evidence.fileId === null) continue;
    const file = await unit.tx.evidenceFiles.find(unit.scope, evidence.fileId);
    if (file === undefined) throw notFound('File', evidence.fileId);
    if (file.uploadedAt === null)
      throw new DomainError(
        'InvalidParameterValue',
        `The file ${file.id} has not been uploaded yet.`,
      );
  }
  const dispute = await loadDispute(unit, id);
  return save(unit, dispute, contestDomainDispute(dispute, evidences, unit.now));
}

/** Update Dispute: the provider reports the dispute's status (PSP flow). */
export async function updateDispute(
  unit: Unit,
  id: string,
  update: DisputeUpdate,
): Promise<Dispute> {
  const dispute = await loadDispute(unit, id);
  return save(unit, dispute, updateDomainDispute(dispute, update, unit.now));
}

/** Admin API and CLI: Amazon's decision on a dispute it manages (buyer wins or merchant wins). */
export async function resolveDisputeAsAdmin(
  deps: AppDependencies,
  id: string,
  resolution: Resolution,
): Promise<Dispute> {
  const scope = await deps.store.transaction((tx) => tx.disputes.scopeOf(id));
  if (scope === undefined) throw notFound('Dispute', id);
  return inMerchantUnit(deps, scope, async (unit) => {
    const dispute = await loadDispute(unit, id);
    return save(unit, dispute, resolveDomainDispute(dispute, resolution, unit.now));
  });
}
