import {
  contestDispute,
  getDispute,
  updateDispute,
} from '../../../app/back-office/dispute-operations.js';
import { createEvidenceFile } from '../../../app/back-office/evidence-files.js';
import { openDispute } from '../../../app/back-office/open-dispute.js';
import { validateBody } from '../request-body.js';
import {
  contestDisputeSchema,
  createDisputeSchema,
  optionalWireTime,
  updateDisputeSchema,
  uploadFileSchema,
} from '../schemas/back-office-schemas.js';
import { toMoney } from '../schemas/common-schemas.js';
import { serializeDispute, serializeFile } from '../serializers/back-office-serializers.js';
import { json, type V2Route } from '../v2-route.js';

/** Where evidence bytes are PUT (served by back-office-downloads.ts). */
export const FILE_UPLOAD_PATH = '/documents/files';

/**
 * Disputes and evidence files (amazon-pay-api-v2/dispute.html; the Node SDK's createDispute,
 * getDispute, updateDispute, contestDispute and uploadFile all answer 200 in its own test).
 */
export const disputeRoutes: readonly V2Route[] = [
  {
    method: 'POST',
    url: '/disputes',
    idempotency: 'optional',
    async handle(unit, request) {
      const body = validateBody(createDisputeSchema, request.body);
      const deadline = optionalWireTime(body.merchantResponseDeadline, 'merchantResponseDeadline');
      const dispute = await openDispute(unit, {
        chargeId: body.chargeId,
        amount: toMoney(body.disputeAmount, 'disputeAmount'),
        filingReason: body.filingReason,
        resolutionAuthority: 'PaymentServiceProvider',
        providerDisputeId: body.providerMetadata.providerDisputeId,
        state: body.statusDetails?.state,
        merchantResponseDeadline: deadline ?? undefined,
      });
      return json(200, serializeDispute(dispute));
    },
  },
  {
    method: 'GET',
    url: '/disputes/:disputeId',
    idempotency: 'ignored',
    async handle(unit, request) {
      return json(200, serializeDispute(await getDispute(unit, request.params.disputeId ?? '')));
    },
  },
  {
    method: 'PATCH',
    url: '/disputes/:disputeId',
    idempotency: 'ignored',
    async handle(unit, request) {
      const body = validateBody(updateDisputeSchema, request.body);
      const dispute = await updateDispute(unit, request.params.disputeId ?? '', {
        state: body.statusDetails.state,
        resolution: body.statusDetails.resolution ?? null,
        reasonCode: body.statusDetails.reasonCode ?? null,
        reasonDescription: body.statusDetails.reasonDescription ?? null,
        closureTimestamp: optionalWireTime(body.closureTimestamp, 'closureTimestamp'),
      });
      return json(200, serializeDispute(dispute));
    },
  },
  {
    method: 'POST',
    url: '/disputes/:disputeId/contest',
    idempotency: 'optional',
    async handle(unit, request) {
      const body = validateBody(contestDisputeSchema, request.body);
      const dispute = await contestDispute(
        unit,
        request.params.disputeId ?? '',
        body.merchantEvidences.map((evidence) => ({
          evidenceType: evidence.evidenceType,
          fileId: evidence.fileId ?? null,
          evidenceText: evidence.evidenceText ?? null,
        })),
      );
      return json(200, serializeDispute(dispute));
    },
  },
  {
    method: 'POST',
    url: '/files',
    idempotency: 'optional',
    async handle(unit, request) {
      const file = await createEvidenceFile(unit, validateBody(uploadFileSchema, request.body));
      return json(
        200,
        serializeFile(file, `${request.links.base()}${FILE_UPLOAD_PATH}/${file.id}`),
      );
    },
  },
];
