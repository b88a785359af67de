/** `npm run migrate`; what it does is in USAGE. */
import { openDatabase } from '../server/src/db/database.ts';
import { loadConfig } from '../server/src/kernel/config.ts';
import { createLogger } from '../server/src/kernel/logger.ts';
import { parseCli } from './cli.ts';

const USAGE = `Usage: npm run migrate   (node --import tsx scripts/migrate.ts)

Brings the configured database to the latest schema: PostgreSQL at DATABASE_URL when it is set, else
the embedded PGlite under DATA_DIR (default .data). The server does the same at start; this runs it on
its own, e.g. as a deploy step. Exits non-zero when the configuration is invalid or a migration
fails, so deploys stop there. Takes its settings from the environment (see .env.example), no options.

Options:
  -h, --help   show this help
`;

parseCli({ usage: USAGE, options: {} });
try {
  // Inside the try: an invalid variable is reported as the server reports it, not as a stack trace.
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger });
  console.log(`database ${db.kind} (${db.location}) is at the latest schema`);
  await db.close();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
