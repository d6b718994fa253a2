/**
 * The certificate maker's worker thread (certificate-maker.ts): answers each request with what
 * certificate-authority.ts makes, or with the error's message. It holds nothing between requests;
 * the main thread ends it when idle.
 */
import { parentPort } from 'node:worker_threads';
import {
  makeInProcess,
  type CertificateReply,
  type CertificateRequest,
} from './certificate-maker.js';

async function answer(id: number, request: CertificateRequest): Promise<CertificateReply> {
  try {
    return { id, ok: true, value: await makeInProcess(request) };
  } catch (error) {
    return { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', ({ id, request }: { id: number; request: CertificateRequest }) => {
  void answer(id, request).then((reply) => parentPort?.postMessage(reply));
});
