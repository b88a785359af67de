import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSessionSecret } from '../../src/auth/session-secret.ts';

describe('the session secret kept in DATA_DIR', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('is generated once, readable by its owner only, and the same after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trendscope-secret-'));
    dirs.push(dir);
    const dataDir = join(dir, 'not-yet-there');
    const first = await loadOrCreateSessionSecret(dataDir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await loadOrCreateSessionSecret(dataDir)).toBe(first);
    expect(await readFile(join(dataDir, 'session-secret'), 'utf8')).toBe(first);
    expect((await stat(join(dataDir, 'session-secret'))).mode & 0o777).toBe(0o600);
  });

  it('differs between two data directories', async () => {
    const [a, b] = await Promise.all([0, 1].map(() => mkdtemp(join(tmpdir(), 'trendscope-secret-'))));
    dirs.push(a!, b!);
    expect(await loadOrCreateSessionSecret(a!)).not.toBe(await loadOrCreateSessionSecret(b!));
  });
});
