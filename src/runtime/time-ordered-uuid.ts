import { randomBytes } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the time in milliseconds, the other 74 random.
 * For ids that are also a table's key: ids made one after the other sort one after the other, so
 * each new row's index entry goes to the index's last leaf, which is in memory and shared by the
 * batch's other rows, instead of a random leaf of an index as big as every row ever written (a
 * page read, and a WAL frame of its own, per row; issue 16, bench/README.md). Unique across
 * processes through the random bits, and as unguessable as a v4 UUID's 122 bits need not be.
 */
export function timeOrderedUuid(nowMs: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
