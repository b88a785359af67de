import type { Migration } from 'kysely';
import * as createPredictions from './20261122120000_create_predictions.ts';
import * as createDirectionCounts from './20261122180000_create_direction_counts.ts';
import * as createAccountsAndChat from './20261123010000_create_accounts_and_chat.ts';

/**
 * Every migration, named `YYYYMMDDHHMMSS_what_it_does` so they sort by creation time. Listed here
 * rather than read from disk so they travel with the code, whatever runs it.
 */
export const migrations: Record<string, Migration> = {
  '20261122120000_create_predictions': createPredictions,
  '20261122180000_create_direction_counts': createDirectionCounts,
  '20261123010000_create_accounts_and_chat': createAccountsAndChat,
};
