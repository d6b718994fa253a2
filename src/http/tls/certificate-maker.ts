/**
 * Makes localpay's certificates (certificate-authority.ts) on a worker thread that ends once it
 * has nothing left to make. @peculiar/x509 and what it loads (asn1js, tsyringe, reflect-metadata)
 * take about 3.4 MiB of heap that a process can never give back once it imported them, and they
 * are only needed on a first start or a renewal: in CI, where every run starts on a fresh data
 * folder, the server kept them for its whole life (issue 16, peak RSS). On the worker they go with
 * its isolate, and reflect-metadata's global `Reflect` additions stay out of an application that
 * embeds localpay.
 *
 * The calls of one start (the CA, the server certificate, the IPN signing certificate) share one
 * worker: it stays while calls are pending and a moment after, then ends.
 *
 * Run from TypeScript sources (Vitest, a tsx script) there is no compiled worker file to start, so
 * the maker is imported in-process instead; the compiled package, unbundled (dist/src/http/tls/)
 * or bundled (dist/src/bin/, scripts/bundle.mjs), always has it.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type * as Authority from './certificate-authority.js';
import type { PemPair, SubjectNames } from './certificate-authority.js';

export type { PemPair, SubjectNames } from './certificate-authority.js';

/** What the worker is asked to make (certificate-worker.ts answers it). */
export type CertificateRequest =
  | { readonly kind: 'authority'; readonly now: Date }
  | {
      readonly kind: 'server';
      readonly ca: PemPair;
      readonly names: SubjectNames;
      readonly now: Date;
    }
  | {
      readonly kind: 'signing';
      readonly ca: PemPair;
      readonly subject: string;
      readonly validityDays: number;
      readonly now: Date;
    };

export type CertificateReply =
  | { readonly id: number; readonly ok: true; readonly value: PemPair | string }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** How long the worker waits for another call before it ends (a start's calls come in a row). */
const LINGER_MS = 250;

/** The worker's file beside this module, unbundled (.js) or bundled (.mjs); null from sources. */
function workerFile(): URL | null {
  for (const name of ['./certificate-worker.js', './certificate-worker.mjs']) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === 'file:' && existsSync(url)) return url;
  }
  return null;
}

interface Pending {
  resolve(value: PemPair | string): void;
  reject(error: Error): void;
}

class CertificateWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #linger: NodeJS.Timeout | null = null;
  /** Set once the worker ended or failed: the next call starts another. */
  ended = false;

  constructor(file: URL) {
    this.#worker = new Worker(file);
    this.#worker.on('message', (reply: CertificateReply) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) =>
      this.#fail(new Error(`The certificate worker exited with code ${code}.`)),
    );
  }

  make(request: CertificateRequest): Promise<PemPair | string> {
    if (this.#linger !== null) clearTimeout(this.#linger);
    this.#linger = null;
    this.#worker.ref();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, request });
    });
  }

  #settle(reply: CertificateReply): void {
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.value);
    else pending?.reject(new Error(reply.message));
    if (this.#pending.size > 0) return;
    // Idle: no longer keeps the process alive, and ends unless another call comes soon.
    this.#worker.unref();
    this.#linger = setTimeout(() => this.#end(), LINGER_MS).unref();
  }

  #end(): void {
    this.ended = true;
    void this.#worker.terminate();
  }

  #fail(error: Error): void {
    this.ended = true;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

let current: CertificateWorker | null = null;

async function make(request: CertificateRequest): Promise<PemPair | string> {
  const file = workerFile();
  if (file === null) return makeInProcess(request);
  if (current === null || current.ended) current = new CertificateWorker(file);
  return current.make(request);
}

/** certificate-authority.ts in this process: what the worker runs, for runs from sources. */
export async function makeInProcess(request: CertificateRequest): Promise<PemPair | string> {
  const authority = await import('./certificate-authority.js');
  switch (request.kind) {
    case 'authority':
      return authority.createCertificateAuthority(request.now);
    case 'server':
      return authority.issueServerCertificate(request.ca, request.names, request.now);
    case 'signing':
      return authority.issueSigningCertificate(
        request.ca,
        request.subject,
        request.validityDays,
        request.now,
      );
  }
}

// The same signatures as certificate-authority.ts's, which the worker calls.

/** The self-signed root that users add to their trust stores. */
export const createCertificateAuthority: typeof Authority.createCertificateAuthority = async (
  now,
) => (await make({ kind: 'authority', now })) as PemPair;

/** A fresh server key and certificate signed by the CA. */
export const issueServerCertificate: typeof Authority.issueServerCertificate = async (
  ca,
  names,
  now,
) => (await make({ kind: 'server', ca, names, now })) as PemPair;

/** The IPN signing key and its certificate, signed by the CA, as one PEM text. */
export const issueSigningCertificate: typeof Authority.issueSigningCertificate = async (
  ca,
  subject,
  validityDays,
  now,
) => (await make({ kind: 'signing', ca, subject, validityDays, now })) as string;
