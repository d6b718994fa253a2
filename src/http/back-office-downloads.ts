import type { FastifyInstance } from 'fastify';
import { uploadEvidenceFile, MAX_FILE_BYTES } from '../app/back-office/evidence-files.js';
import { downloadReportDocument } from '../app/back-office/get-report-document.js';
import type { AppDependencies } from '../app/ports.js';
import { DomainError } from '../domain/shared/errors.js';
import { errorBody, V2_STATUS } from './v2/error-status.js';
import { REPORT_DOWNLOAD_PATH } from './v2/routes/report-routes.js';
import { FILE_UPLOAD_PATH } from './v2/routes/dispute-routes.js';

/**
 * The URLs the back-office API hands out, standing in for Amazon's pre-signed S3 URLs: a report
 * document's download and an evidence file's upload. Like pre-signed URLs they carry no request
 * signature; the unguessable id in the path is the credential.
 */
export async function backOfficeDownloads(
  app: FastifyInstance,
  deps: AppDependencies,
): Promise<void> {
  app.get(`${REPORT_DOWNLOAD_PATH}/:id`, async (request, reply) => {
    const content = await downloadReportDocument(deps, (request.params as { id: string }).id);
    if (content === undefined)
      return reply
        .code(404)
        .type('application/json')
        .send(errorBody('ResourceNotFound', 'No such report document.'));
    return reply.type('text/csv; charset=utf-8').send(content);
  });
  await app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
      (_request, body, next) => next(null, body),
    );
    scope.put(`${FILE_UPLOAD_PATH}/:id`, async (request, reply) => {
      const body: Buffer = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        const file = await uploadEvidenceFile(deps, (request.params as { id: string }).id, body);
        if (file === undefined)
          return reply
            .code(404)
            .type('application/json')
            .send(errorBody('ResourceNotFound', 'No such file.'));
        return reply.code(200).send({ id: file.id, size: file.size });
      } catch (error) {
        if (error instanceof DomainError)
          return reply
            .code(V2_STATUS[error.code])
            .type('application/json')
            .send(errorBody(error.code, error.message));
        throw error;
      }
    });
    done();
  });
}
