/** Row types of the back-office tables created by back-office-migration.ts. */
import type { AggregateTable } from './schema.js';

export interface LedgerEntriesTable {
  id: string;
  merchant_id: string;
  environment: string;
  posted_at: number;
  /** The LedgerEntry as JSON. */
  data: string;
}

export interface FeeSchedulesTable {
  merchant_id: string;
  data: string;
  updated_at: number;
}

export interface ReportDocumentsTable {
  id: string;
  merchant_id: string;
  environment: string;
  content: string;
  created_at: number;
}

export interface EvidenceFilesTable {
  id: string;
  merchant_id: string;
  environment: string;
  /** The file's metadata (EvidenceFile) as JSON. */
  data: string;
  /** Base64 of the uploaded bytes; null until uploaded. */
  content: string | null;
  created_at: number;
}

export interface ReportsTable extends AggregateTable {
  report_type: string;
}

export interface DisputesTable extends AggregateTable {
  charge_id: string;
}

export interface BackOfficeTables {
  ledger_entries: LedgerEntriesTable;
  fee_schedules: FeeSchedulesTable;
  reports: ReportsTable;
  report_schedules: ReportsTable;
  report_documents: ReportDocumentsTable;
  disputes: DisputesTable;
  evidence_files: EvidenceFilesTable;
}

export type BackOfficeAggregateTableName = 'reports' | 'report_schedules' | 'disputes';
