import type { Migration } from 'kysely';
import * as createPredictions from './20261122120000_create_predictions.ts';
import * as createDirectionCounts from './20261122180000_create_direction_counts.ts';
import * as createAccountsAndChat from './20261123010000_create_accounts_and_chat.ts';
import * as createSessions from './20261124100000_create_sessions.ts';
import * as createChatSends from './20261125120000_create_chat_sends.ts';
import * as createUserWorkspaces from './20261130100000_create_user_workspaces.ts';
import * as createAlerts from './20261201120000_create_alerts.ts';

/**
 * Every migration, named `YYYYMMDDHHMMSS_what_it_does` so they sort by creation time. Listed here
 * rather than read from disk so they travel with the code, whatever runs it.
 */
export const migrations: Record<string, Migration> = {
  '20261122120000_create_predictions': createPredictions,
  '20261122180000_create_direction_counts': createDirectionCounts,
  '20261123010000_create_accounts_and_chat': createAccountsAndChat,
  '20261124100000_create_sessions': createSessions,
  '20261125120000_create_chat_sends': createChatSends,
  '20261130100000_create_user_workspaces': createUserWorkspaces,
  '20261201120000_create_alerts': createAlerts,
};
