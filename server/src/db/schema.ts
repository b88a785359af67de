import type { ColumnType } from 'kysely';

/**
 * Table types of the application database. Each feature adds its tables here together with the
 * migration that creates them (server/src/db/migrations/).
 */
export interface Database {
  predictions: PredictionsTable;
  direction_counts: DirectionCountsTable;
  users: UsersTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  sessions: SessionsTable;
  chat_sends: ChatSendsTable;
  user_workspaces: UserWorkspacesTable;
  alerts: AlertsTable;
  alert_triggers: AlertTriggersTable;
  alert_webhooks: AlertWebhooksTable;
}

/** Written as a Date, read back as a Date (pg and PGlite alike). */
type Timestamp = ColumnType<Date, Date, Date>;

export interface PredictionsTable {
  /** bigint: pg returns it as a string. */
  id: ColumnType<string, never, never>;
  source: string;
  symbol: string;
  timeframe: string;
  model: string;
  issued_at: ColumnType<Date, Date | undefined, never>;
  horizon: number;
  last_candle_time: Timestamp;
  target_time: Timestamp;
  result: ColumnType<unknown, string, never>;
  score: ColumnType<unknown | null, never, string>;
  scored_at: ColumnType<Date | null, never, Date>;
}

export interface DirectionCountsTable {
  source: string;
  symbol: string;
  timeframe: string;
  horizon: number;
  state: string;
  up: ColumnType<number, number | undefined, number>;
  down: ColumnType<number, number | undefined, number>;
}

/** Accounts: the username as typed, unique case-insensitively (an index on lower(username)). */
export interface UsersTable {
  id: ColumnType<string, string | undefined, never>;
  username: string;
  password_hash: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ConversationsTable {
  id: ColumnType<string, string | undefined, never>;
  user_id: ColumnType<string, string, never>;
  title: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface MessagesTable {
  /** bigint identity: pg returns it as a string, PGlite as a number; read through String(). */
  id: ColumnType<string | number, never, never>;
  conversation_id: ColumnType<string, string, never>;
  role: 'user' | 'assistant';
  text: string;
  /** JSON written as a string, read back parsed (pg and PGlite alike). */
  payload: ColumnType<unknown, string | null, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** One sign-in: every token carrying its `sid` is accepted only while it is unrevoked and unexpired. */
export interface SessionsTable {
  sid: ColumnType<string, string, never>;
  user_id: ColumnType<string, string, never>;
  created_at: ColumnType<Date, Date, never>;
  expires_at: ColumnType<Date, Date, never>;
  revoked_at: ColumnType<Date | null, never, Date>;
}

/** A question as its client sent it, by the client's id for it: what makes a retry find it (migration). */
export interface ChatSendsTable {
  user_id: ColumnType<string, string, never>;
  client_id: ColumnType<string, string, never>;
  conversation_id: ColumnType<string, string, never>;
  /** bigint message ids: pg returns them as strings, PGlite as numbers; read through String(). */
  question_id: ColumnType<string | number, string | number, never>;
  answer_id: ColumnType<string | number | null, never, string | number>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** A user's workspace (shared/workspace.ts): JSON written as a string, read back parsed (migration). */
export interface UserWorkspacesTable {
  user_id: ColumnType<string, string, never>;
  document: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date, Date>;
}

/** An alert (shared/alerts.ts); the columns are explained in its migration. */
export interface AlertsTable {
  id: ColumnType<string, string | undefined, never>;
  user_id: ColumnType<string, string, never>;
  symbol: string;
  timeframe: string;
  /** JSON written as a string, read back parsed. */
  condition: ColumnType<unknown, string, string>;
  repeats: boolean;
  cooldown_seconds: number;
  note: string | null;
  state: 'active' | 'paused' | 'done' | 'deleted';
  revision: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  rearm_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_triggered_at: ColumnType<Date | null, never, Date | null>;
  trigger_count: ColumnType<number, never, number>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Timestamp;
  /** Set by the database (clock_timestamp()) on every write, the change feed; never by the application's clock. */
  changed_at: ColumnType<Date, never, Date>;
}

export interface AlertTriggersTable {
  /** bigint identity: pg returns it as a string, PGlite as a number; read through String(). */
  id: ColumnType<string | number, never, never>;
  alert_id: ColumnType<string, string, never>;
  user_id: ColumnType<string, string, never>;
  price: ColumnType<number, number, never>;
  value: ColumnType<number | null, number | null, never>;
  fired_at: ColumnType<Date, Date, never>;
  seen_at: ColumnType<Date | null, never, Date>;
  webhook_state: ColumnType<
    'pending' | 'sent' | 'failed' | null,
    'pending' | null | undefined,
    'sent' | 'failed'
  >;
  webhook_attempts: ColumnType<number, number | undefined, number>;
  webhook_next_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  webhook_error: ColumnType<string | null, never, string | null>;
}

/** A user's webhook: where every trigger is POSTed, signed with `secret`. */
export interface AlertWebhooksTable {
  user_id: ColumnType<string, string, never>;
  url: string;
  secret: string;
  created_at: ColumnType<Date, Date, Date>;
}
