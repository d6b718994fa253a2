import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the time in milliseconds, the other 74 random.
 * For ids that are also a table's key: ids made one after the other sort one after the other, so
 * each new row's index entry goes to the index's last leaf, which is in memory and shared by the
 * batch's other rows, instead of a random leaf of an index as big as every row ever written (a
 * page read, and a WAL frame of its own, per row; issue 16, bench/README.md). Unique across
 * processes through the random bits, and as unguessable as a v4 UUID's 122 bits need not be.
 */
export function timeOrderedUuid(nowMs: number = Date.now()): string {
  // The random part comes from a version 4 UUID, whose bits after the version nibble are random
  // and whose variant is already RFC 9562's: randomUUID() draws from a pooled buffer, several
  // times cheaper than a randomBytes() call of its own (issue 16 profile).
  const random = randomUUID();
  const time = nowMs.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
