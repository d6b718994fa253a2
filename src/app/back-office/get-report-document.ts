import { notFound } from '../../domain/shared/errors.js';
import type { AppDependencies } from '../ports.js';
import type { Unit } from '../unit-of-work.js';
import type { ReportDocument } from './back-office-ports.js';

/** Get Report Document (reports.html): the document of a completed report, by its id. */
export async function getReportDocument(unit: Unit, id: string): Promise<ReportDocument> {
  const document = await unit.tx.reportDocuments.find(unit.scope, id);
  if (document === undefined) throw notFound('Report Document', id);
  return document;
}

/** The download behind the document's url: the id is the only credential, like a pre-signed URL. */
export async function downloadReportDocument(
  deps: AppDependencies,
  id: string,
): Promise<string | undefined> {
  const document = await deps.store.transaction((tx) => tx.reportDocuments.findById(id));
  return document?.content;
}
