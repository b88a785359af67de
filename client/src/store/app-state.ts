import type { Timeframe } from '../../../shared/market.ts';
import type { AnalysisSlice } from './analysis-slice.ts';
import type { AuthSlice } from './auth-slice.ts';
import type { ChatSlice } from './chat-slice.ts';
import type { ConnectionSlice } from './connection-slice.ts';
import type { MarketSlice } from './market-slice.ts';

export type AppState = MarketSlice & ConnectionSlice & AnalysisSlice & AuthSlice & ChatSlice;

/** Identifies one candle stream; events and acks carry these two fields too. */
export interface StreamRef {
  symbol: string;
  timeframe: Timeframe;
}

/** Also answers "is this the selected stream?" when given the state, which carries both fields. */
export function isSameStream(a: StreamRef, b: StreamRef): boolean {
  return a.symbol === b.symbol && a.timeframe === b.timeframe;
}
