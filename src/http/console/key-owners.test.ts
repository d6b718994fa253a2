import { describe, expect, it } from 'vitest';
import { keyOwners } from './key-owners.js';

describe('the request log’s key owners', () => {
  it('reads each registered-looking key id once, its owner or none', async () => {
    const lookups: string[] = [];
    const owners = keyOwners((id) => {
      lookups.push(id);
      return Promise.resolve(id === 'SANDBOX-KNOWN123' ? 'A1OWNER' : null);
    });
    expect(await owners.ownerOf('SANDBOX-KNOWN123')).toBe('A1OWNER');
    expect(await owners.ownerOf('SANDBOX-KNOWN123')).toBe('A1OWNER');
    expect(await owners.ownerOf('LIVE-UNKNOWN456')).toBeNull();
    expect(await owners.ownerOf('LIVE-UNKNOWN456')).toBeNull();
    expect(lookups).toEqual(['SANDBOX-KNOWN123', 'LIVE-UNKNOWN456']);
  });

  it('keeps no key id as long as a hostile authorization header’s', async () => {
    let lookups = 0;
    const owners = keyOwners(() => {
      lookups += 1;
      return Promise.resolve(null);
    });
    for (let i = 0; i < 1_000; i += 1) {
      const id = `${i}`.padEnd(8_000, 'K');
      expect(await owners.ownerOf(id)).toBeNull();
      expect(await owners.ownerOf(id)).toBeNull();
    }
    expect(owners.size).toBe(0);
    expect(lookups).toBe(2_000);
  });
});
