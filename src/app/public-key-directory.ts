import { createPublicKey, type KeyObject } from 'node:crypto';
import type { PublicKey } from '../domain/merchant/merchant.js';
import { unsharedCopy } from '../domain/shared/unshared-string.js';
import type { AppDependencies } from './ports.js';

export interface ResolvedKey {
  readonly key: PublicKey;
  readonly keyObject: KeyObject;
}

/**
 * Looks up registered public keys for signature checks. Parsing a PEM costs 6.5x a verification
 * (DESIGN.md §7), and keys never change once registered, so each is parsed once and kept. Unknown
 * ids are not cached: a key registered a moment later must work at once.
 */
export interface PublicKeyDirectory {
  lookup(publicKeyId: string): Promise<ResolvedKey | undefined>;
}

export function createPublicKeyDirectory(deps: AppDependencies): PublicKeyDirectory {
  const cache = new Map<string, ResolvedKey>();
  // A restored snapshot may lack keys registered after it was saved.
  deps.restoreHooks?.add({ afterRestore: () => cache.clear() });
  return {
    async lookup(publicKeyId) {
      const cached = cache.get(publicKeyId);
      if (cached) return cached;
      const key = await deps.store.transaction((tx) => tx.publicKeys.find(publicKeyId));
      if (!key) return undefined;
      const resolved = { key, keyObject: createPublicKey(key.publicKeyPem) };
      // A copy: the id as sent is a view into the whole authorization header (unshared-string.ts).
      cache.set(unsharedCopy(publicKeyId), resolved);
      return resolved;
    },
  };
}
