import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

/** A 32-byte secret kept in a file, created on first use, so it survives restarts. */
export async function loadOrCreateSecret(file: string): Promise<Buffer> {
  try {
    const existing = await readFile(file);
    if (existing.length >= 32) return existing;
  } catch {
    // Not there yet: create it below.
  }
  const secret = randomBytes(32);
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
