import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The secret that signs sessions when SESSION_SECRET is not set: generated once and kept in DATA_DIR,
 * so a restarted single instance keeps everyone signed in. Several instances must share one secret,
 * so they must set SESSION_SECRET (each would otherwise generate its own and refuse the others').
 */
export async function loadOrCreateSessionSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'session-secret');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing && existing.trim().length >= 32) return existing.trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // Only the owner may read it: whoever has it can sign in as anyone. `wx`: if another process
  // created it in the meantime, theirs wins and both use it.
  try {
    await writeFile(file, secret, { mode: 0o600, flag: existing === undefined ? 'wx' : 'w' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readFile(file, 'utf8')).trim();
  }
}
