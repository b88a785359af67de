/**
 * `npm run migrate`: brings the configured database (DATABASE_URL, or PGlite under DATA_DIR) to the
 * latest schema. Exits non-zero when a migration fails, so deploys stop there.
 */
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { createLogger } from '../server/src/logger.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
try {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger });
  console.log(`database ${db.kind} (${db.location}) is at the latest schema`);
  await db.close();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
