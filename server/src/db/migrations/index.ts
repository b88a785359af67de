import type { Migration } from 'kysely';
import * as createPredictions from './20261122120000_create_predictions.ts';

/**
 * Every migration, named `YYYYMMDDHHMMSS_what_it_does` so they sort by creation time. Listed here
 * rather than read from disk so they travel with the code, whatever runs it.
 */
export const migrations: Record<string, Migration> = {
  '20261122120000_create_predictions': createPredictions,
};
