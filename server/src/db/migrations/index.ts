import type { Migration } from 'kysely';

/**
 * Every migration, named `YYYYMMDDHHMMSS_what_it_does` so they sort by creation time. Listed here
 * rather than read from disk so they travel with the code, whatever runs it.
 */
export const migrations: Record<string, Migration> = {};
