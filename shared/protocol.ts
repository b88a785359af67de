import { z } from 'zod';
import { SymbolSchema, TimeframeSchema, type Candle, type Timeframe } from './market.ts';
import type { Ack } from './errors.ts';
import type { Analysis, IndicatorValues } from './analysis.ts';
import type { ChatDeletedEvent, ChatMessageEvent, ChatSendRequest, ChatSendResult } from './chat.ts';
import type { Prediction } from './prediction.ts';
import { MAX_SNAPSHOT_CANDLES } from './limits.ts';
import type { SubscribeResponse } from './snapshot.ts';
import type { TickersEvent, TickersSnapshot, TickersSubscribeRequest } from './tickers.ts';
import type {
  Alert,
  AlertCreateRequest,
  AlertList,
  AlertSeenEvent,
  AlertSeenRequest,
  AlertTriggeredEvent,
  AlertUpdateRequest,
} from './alerts.ts';

export { MAX_SNAPSHOT_CANDLES, DEFAULT_SNAPSHOT_CANDLES } from './limits.ts';

export const SubscribeRequestSchema = z.object({
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
  /** A reconnecting client passes the open time of its last candle to receive only what it missed. */
  since: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(MAX_SNAPSHOT_CANDLES).optional(),
});
export type SubscribeRequest = z.input<typeof SubscribeRequestSchema>;

export const UnsubscribeRequestSchema = z.object({
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
});
export type UnsubscribeRequest = z.input<typeof UnsubscribeRequestSchema>;

/** Most symbols one `tickers:subscribe` may name; without a list it is every offered symbol. */
export const MAX_TICKER_SYMBOLS = 100;

export const TickersSubscribeRequestSchema = z.object({
  symbols: z.array(SymbolSchema).min(1).max(MAX_TICKER_SYMBOLS).optional(),
}) satisfies z.ZodType<TickersSubscribeRequest>;

export const STREAM_STATES = ['live', 'stale', 'reconnecting'] as const;
export type StreamState = (typeof STREAM_STATES)[number];

export const StreamStatusSchema = z.object({
  /** Id of the market source: `replay` or a ccxt exchange id such as `binance`. */
  source: z.string(),
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
  state: z.enum(STREAM_STATES),
  detail: z.string().optional(),
});
export type StreamStatus = z.infer<typeof StreamStatusSchema>;

export interface CandleEvent {
  symbol: string;
  timeframe: Timeframe;
  candle: Candle;
  /** The chart's indicators at this candle, computed incrementally as it forms. */
  indicators?: IndicatorValues;
  /**
   * On the first candle of a period: the final state of the candle it closes (and its indicators),
   * to apply before `candle`. The last ticks of a forming candle may have been dropped; this is not.
   */
  closed?: { candle: Candle; indicators?: IndicatorValues };
}

export interface SubscribeResult {
  symbol: string;
  timeframe: Timeframe;
  /**
   * `snapshot`: the latest candles, replace what you have.
   * `delta`: every candle with time >= `since`, merge them in order.
   */
  mode: 'snapshot' | 'delta';
  candles: Candle[];
  status: StreamStatus;
  /** The stream's latest analysis with its indicator series; null when it could not be computed. */
  analysis: Analysis | null;
  /** The stream's latest forecast, risk and scorecard; null when there is none yet. */
  prediction: Prediction | null;
}

export interface UnsubscribeResult {
  symbol: string;
  timeframe: Timeframe;
}

export interface ServerToClientEvents {
  candle: (event: CandleEvent) => void;
  status: (status: StreamStatus) => void;
  /** A new analysis of a stream: at most once a minute, and when a candle closes. */
  analysis: (analysis: Analysis) => void;
  /** A new forecast of a stream: when a candle closes and at most once a minute. */
  prediction: (prediction: Prediction) => void;
  /** A question and its answer, to every open tab of the user who asked. */
  'chat:message': (event: ChatMessageEvent) => void;
  /** A conversation was deleted, from any tab of the user. */
  'chat:deleted': (event: ChatDeletedEvent) => void;
  /** The tickers that changed (shared/tickers.ts), to the sockets subscribed to them; about once a second. */
  tickers: (event: TickersEvent) => void;
  /** An alert of the user fired (shared/alerts.ts): to every open tab, on every instance. */
  'alert:triggered': (event: AlertTriggeredEvent) => void;
  /** An alert of the user was created or changed, from any tab or the chat. */
  'alert:changed': (event: { alert: Alert }) => void;
  'alert:deleted': (event: { id: string }) => void;
  /** Triggers were marked seen from one of the user's tabs. */
  'alert:seen': (event: AlertSeenEvent) => void;
}

export interface ClientToServerEvents {
  /** Answered with the snapshot encoded (shared/snapshot.ts): decodeSubscribeResponse gives a SubscribeResult. */
  subscribe: (request: SubscribeRequest, ack: (response: Ack<SubscribeResponse>) => void) => void;
  unsubscribe: (request: UnsubscribeRequest, ack: (response: Ack<UnsubscribeResult>) => void) => void;
  /** Needs a signed-in user (the session cookie of the handshake). */
  'chat:send': (request: ChatSendRequest, ack: (response: Ack<ChatSendResult>) => void) => void;
  /** Follow the tickers of every offered symbol, or of `symbols`; replaces this socket's previous choice. */
  'tickers:subscribe': (
    request: TickersSubscribeRequest,
    ack: (response: Ack<TickersSnapshot>) => void,
  ) => void;
  'tickers:unsubscribe': (request: Record<string, never>, ack: (response: Ack<null>) => void) => void;
  /** The alert events need a signed-in user; each acts on that user's alerts only. */
  'alert:create': (request: AlertCreateRequest, ack: (response: Ack<{ alert: Alert }>) => void) => void;
  'alert:update': (request: AlertUpdateRequest, ack: (response: Ack<{ alert: Alert }>) => void) => void;
  'alert:delete': (request: { id: string }, ack: (response: Ack<{ id: string }>) => void) => void;
  'alert:list': (request: Record<string, never>, ack: (response: Ack<AlertList>) => void) => void;
  /** Marks triggers seen (all of them without `ids`); answers how many stay unseen. */
  'alert:seen': (request: AlertSeenRequest, ack: (response: Ack<{ unseen: number }>) => void) => void;
}
