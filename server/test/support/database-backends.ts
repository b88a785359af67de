import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { TEST_DATABASE_URL } from './env.ts';
import { createScratchDatabase } from './postgres.ts';

/** A place a database lives: open it (again, after a "restart"), and throw it away. */
export interface DatabaseLocation {
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

export interface DatabaseBackend {
  name: string;
  /** Real-service backends without their TEST_ variable are skipped, and say so. */
  skip: boolean;
  create(): Promise<DatabaseLocation>;
}

/** Every backend a database suite runs against: embedded PGlite, and PostgreSQL when configured. */
export const DATABASE_BACKENDS: DatabaseBackend[] = [
  {
    name: 'PGlite',
    skip: false,
    async create() {
      const dataDir = await mkdtemp(join(tmpdir(), 'trendscope-db-'));
      return {
        open: () => openDatabase({ dataDir, logger: silentLogger }),
        drop: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    skip: !TEST_DATABASE_URL,
    async create() {
      const scratch = await createScratchDatabase(TEST_DATABASE_URL!);
      return {
        open: () => openDatabase({ url: scratch.url, dataDir: '', logger: silentLogger }),
        drop: scratch.drop,
      };
    },
  },
];
