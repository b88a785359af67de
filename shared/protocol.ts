import { z } from 'zod';
import { SymbolSchema, TimeframeSchema, type Candle, type Timeframe } from './market.ts';
import type { Ack } from './errors.ts';
import type { Analysis, IndicatorValues } from './analysis.ts';
import type { ChatDeletedEvent, ChatMessageEvent, ChatSendRequest, ChatSendResult } from './chat.ts';
import type { Prediction } from './prediction.ts';
import { MAX_SNAPSHOT_CANDLES } from './limits.ts';
import type { SubscribeResponse } from './snapshot.ts';

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
}

export interface ClientToServerEvents {
  /** Answered with the snapshot encoded (shared/snapshot.ts): decodeSubscribeResponse gives a SubscribeResult. */
  subscribe: (request: SubscribeRequest, ack: (response: Ack<SubscribeResponse>) => void) => void;
  unsubscribe: (request: UnsubscribeRequest, ack: (response: Ack<UnsubscribeResult>) => void) => void;
  /** Needs a signed-in user (the session cookie of the handshake). */
  'chat:send': (request: ChatSendRequest, ack: (response: Ack<ChatSendResult>) => void) => void;
}
