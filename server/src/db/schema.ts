import type { ColumnType } from 'kysely';

/**
 * Table types of the application database. Each feature adds its tables here together with the
 * migration that creates them (server/src/db/migrations/).
 */
export interface Database {
  predictions: PredictionsTable;
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
