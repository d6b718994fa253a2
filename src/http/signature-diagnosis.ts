import type { SignatureDiagnosis } from '../app/inspection/inspection-ports.js';

/**
 * What a signature failure carries to the request log (issue 14 point 4): whose key it was and what
 * localpay computed, so the console shows the canonical request and string to sign beside the
 * signed headers. Attached to the wire error itself, which the API's error mapping answers as
 * before; the request recorder reads it from its onError hook.
 */
export interface DiagnosedFailure {
  readonly merchantId: string;
  readonly diagnosis: SignatureDiagnosis;
}

const diagnoses = new WeakMap<Error, DiagnosedFailure>();

export function withDiagnosis<E extends Error>(error: E, failure: DiagnosedFailure): E {
  diagnoses.set(error, failure);
  return error;
}

export const diagnosisOf = (error: unknown): DiagnosedFailure | undefined =>
  error instanceof Error ? diagnoses.get(error) : undefined;
