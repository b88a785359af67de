import type { Alert, AlertCreateRequest } from '../../../../shared/alerts.ts';
import type { Analysis } from '../../../../shared/analysis.ts';
import type { ChatContext, ChatPayload } from '../../../../shared/chat-answer.ts';
import type { SymbolInfo } from '../../../../shared/http.ts';
import type { Candle, Timeframe } from '../../../../shared/market.ts';
import type { Prediction } from '../../../../shared/prediction.ts';
import type { Ticker } from '../../../../shared/tickers.ts';

/**
 * What the chat engine may read of the live market: the same services the dashboard uses, so an
 * answer always matches the chart. Built in the composition root; tests hand in the real services.
 */
export interface ChatTools {
  /** The symbols the market source offers. */
  symbols(): SymbolInfo[];
  /** The timeframes it offers, smallest first: a question about another one is told so. */
  timeframes(): Timeframe[];
  /** Latest candles, oldest first, the forming one last. */
  candles(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]>;
  analysis(symbol: string, timeframe: Timeframe): Promise<Analysis>;
  /** The latest forecast with risk and scorecard; null when none can be made yet. */
  prediction(symbol: string, timeframe: Timeframe): Promise<Prediction | null>;
  now(): number;
  /**
   * The symbol's ticker: its rolling 24-hour figures as the header and the watchlist show them, so a
   * 24-hour answer quotes the same digits. Optional: without it the change is read from candles.
   */
  ticker?(symbol: string): Promise<Ticker | undefined>;
  /**
   * While a symbol's live feed is stale (the exchange stopped sending), when it last received data;
   * undefined while it is live or nobody watches it. Optional: without it only candle times tell.
   */
  feedStaleSince?(symbol: string): number | undefined;
  /**
   * The alerts of one user, bound to them: the engine asks for the asking user's only (from the
   * verified session, through `reply`), and its answers get nothing but that bound port. Optional:
   * without it the chat says it cannot set alerts here.
   */
  alertsOf?(userId: string): ChatAlerts;
}

/** One user's alerts, as the chat sets, lists and deletes them; every call is about that user only. */
export interface ChatAlerts {
  /** Throws the alerts service's AppError: `ALERT_LIMIT` at the per-user cap, `INVALID_PAYLOAD`. */
  create(request: AlertCreateRequest): Promise<Alert>;
  /** Every alert but deleted ones, newest first. */
  list(): Promise<Alert[]>;
  remove(id: string): Promise<void>;
}

/** Who asks: a signed-in user (their id from the verified session), or nobody for a visitor. */
export interface ChatAsker {
  userId: string;
}

export interface ChatReply {
  text: string;
  payload: ChatPayload;
}

/**
 * Answers one question, given the context the conversation left (from its last answer) and who asks
 * (undefined for a visitor): alerts are the asker's own.
 */
export interface ChatEngine {
  reply(text: string, context: ChatContext | undefined, asker?: ChatAsker): Promise<ChatReply>;
}
