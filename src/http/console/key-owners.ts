import { BoundedMap } from '../../domain/shared/bounded-map.js';

/**
 * The request log's memory of which merchant a v2 public key id belongs to, so that a batch of
 * calls with the same key reads its owner once. The key id comes from the `authorization` header
 * as sent, so the memory is bounded in ids and in their length: registered ids have 8 to 64
 * characters (merchant-administration.ts), and a longer one is looked up each time, not kept (a
 * thousand ids as long as a header would be tens of MiB).
 */
const MAX_KEY_OWNERS = 1_000;
const MAX_KEPT_ID_LENGTH = 128;

export interface KeyOwners {
  ownerOf(publicKeyId: string): Promise<string | null>;
  clear(): void;
  readonly size: number;
}

export function keyOwners(lookup: (publicKeyId: string) => Promise<string | null>): KeyOwners {
  const owners = new BoundedMap<string | null>(MAX_KEY_OWNERS, MAX_KEPT_ID_LENGTH);
  return {
    async ownerOf(publicKeyId) {
      const known = owners.get(publicKeyId);
      if (known !== undefined) return known;
      const owner = await lookup(publicKeyId);
      owners.set(publicKeyId, owner);
      return owner;
    },
    clear: () => owners.clear(),
    get size() {
      return owners.size;
    },
  };
}
