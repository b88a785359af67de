import type { StateCreator } from 'zustand/vanilla';
import type { Candle, Timeframe } from '../../../shared/market.ts';
import type { SubscribeResult } from '../../../shared/protocol.ts';
import type { SourceInfo, SymbolInfo, SymbolsResponse } from '../../../shared/http.ts';
import { mergeCandles } from '../market/merge-candles.ts';
import { nextDirection, type PriceDirection } from '../market/price-direction.ts';
import { adoptedAnalysis, analysisFromSubscribeResult, freshAnalysis } from './analysis-slice.ts';
import { isSameStream, type AppState, type StreamRef } from './app-state.ts';
import { DEFAULT_SELECTION, resolveSelection, type Selection } from './selection.ts';

export interface MarketDeps {
  fetchSymbols: () => Promise<SymbolsResponse>;
}

export interface MarketSlice {
  source: SourceInfo | null;
  symbols: readonly SymbolInfo[];
  timeframes: readonly Timeframe[];
  symbolsStatus: 'loading' | 'ready' | 'error';
  symbolsError: string | null;
  symbol: string;
  timeframe: Timeframe;
  /** Candles of the selected stream: the last snapshot with every delta and tick merged in. */
  candles: readonly Candle[];
  /** Bumped whenever `candles` is replaced wholesale, so the chart knows to `setData` rather than `update`. */
  snapshotVersion: number;
  priceDirection: PriceDirection;
  /** True until the selected stream's snapshot arrives. */
  loading: boolean;
  subscribeError: string | null;
  /** Bumped by a retry so the socket binding subscribes again to the same stream. */
  subscribeAttempt: number;

  loadSymbols: () => Promise<void>;
  selectSymbol: (symbol: string) => void;
  selectTimeframe: (timeframe: Timeframe) => void;
  /**
   * Both at once, so the socket subscribes once rather than to a half-changed stream in between.
   * Before the symbol list is in, any stream is taken (a saved workspace's); the list keeps it if offered.
   */
  selectStream: (selection: Selection) => void;
  /** Shows the stream another chart store already holds (same symbol and timeframe), as it is there. */
  adoptStream: (source: AppState) => void;
  applySubscribeResult: (result: SubscribeResult) => void;
  applyCandles: (stream: StreamRef, candles: readonly Candle[]) => void;
  /**
   * A page of older candles (scrolled back in history), asked for with `before` = the first candle's
   * time, put in front. Ignored unless the stream and its first candle are still the ones it was asked
   * for: a page that raced a stream switch or a new snapshot must never be merged, nor leave a hole.
   */
  prependCandles: (stream: StreamRef, before: number, older: readonly Candle[]) => void;
  failSubscribe: (stream: StreamRef, message: string) => void;
  retrySubscribe: () => void;
}

type MarketSliceCreator = StateCreator<AppState, [], [], MarketSlice>;

export function createMarketSlice({ fetchSymbols }: MarketDeps): MarketSliceCreator {
  return (set, get) => {
    /** What a change of stream resets; old candles or status must never show under the new name. */
    const freshStream = (state: AppState, selection: Selection): Partial<AppState> => ({
      ...selection,
      candles: [],
      snapshotVersion: state.snapshotVersion + 1,
      priceDirection: 'flat',
      loading: true,
      subscribeError: null,
      streamStatus: null,
      ...freshAnalysis(state),
    });

    /** The stream as another store shows it: every field freshStream resets, taken from there. */
    const adoptedStream = (state: AppState, source: AppState): Partial<AppState> => ({
      candles: source.candles,
      snapshotVersion: state.snapshotVersion + 1,
      priceDirection: source.priceDirection,
      loading: source.loading,
      subscribeError: source.subscribeError,
      streamStatus: source.streamStatus,
      ...adoptedAnalysis(state, source),
    });

    const select = (wanted: Selection) => {
      const state = get();
      if (wanted.symbol === state.symbol && wanted.timeframe === state.timeframe) return;
      set(freshStream(state, wanted));
    };

    let symbolsRequest: Promise<void> | null = null;

    return {
      source: null,
      symbols: [],
      timeframes: [],
      symbolsStatus: 'loading',
      symbolsError: null,
      ...DEFAULT_SELECTION,
      candles: [],
      snapshotVersion: 0,
      priceDirection: 'flat',
      loading: true,
      subscribeError: null,
      subscribeAttempt: 0,

      loadSymbols: () => {
        symbolsRequest ??= (async () => {
          set({ symbolsStatus: 'loading', symbolsError: null, loading: true });
          try {
            const response = await fetchSymbols();
            const state = get();
            const selection = resolveSelection(state, {
              symbols: response.symbols.map((info) => info.symbol),
              timeframes: response.timeframes,
            });
            const changed = selection.symbol !== state.symbol || selection.timeframe !== state.timeframe;
            set({
              ...(changed ? freshStream(state, selection) : {}),
              source: response.source,
              symbols: response.symbols,
              timeframes: response.timeframes,
              symbolsStatus: 'ready',
            });
          } catch (error) {
            set({ symbolsStatus: 'error', symbolsError: errorMessage(error), loading: false });
          } finally {
            symbolsRequest = null;
          }
        })();
        return symbolsRequest;
      },

      selectSymbol: (symbol) => {
        if (get().symbols.some((info) => info.symbol === symbol))
          select({ symbol, timeframe: get().timeframe });
      },

      selectTimeframe: (timeframe) => {
        if (get().timeframes.includes(timeframe)) select({ symbol: get().symbol, timeframe });
      },

      selectStream: (selection) => {
        const state = get();
        if (
          state.symbolsStatus !== 'ready' ||
          (state.symbols.some((info) => info.symbol === selection.symbol) &&
            state.timeframes.includes(selection.timeframe))
        )
          select({ symbol: selection.symbol, timeframe: selection.timeframe });
      },

      adoptStream: (source) => {
        const state = get();
        if (isSameStream(state, source)) set(adoptedStream(state, source));
      },

      applySubscribeResult: (result) => {
        const state = get();
        if (!isSameStream(state, result)) return;
        const replace = result.mode === 'snapshot' || state.candles.length === 0;
        const candles = replace ? result.candles : mergeCandles(state.candles, result.candles);
        const previousClose = replace ? candles.at(-2)?.close : state.candles.at(-1)?.close;
        const last = candles.at(-1);
        set({
          candles,
          snapshotVersion: replace ? state.snapshotVersion + 1 : state.snapshotVersion,
          priceDirection: last
            ? nextDirection(replace ? 'flat' : state.priceDirection, previousClose, last.close)
            : 'flat',
          loading: false,
          subscribeError: null,
          streamStatus: result.status,
          ...analysisFromSubscribeResult(state, result, replace),
        });
      },

      applyCandles: (stream, incoming) => {
        const state = get();
        // Before the snapshot there is nothing to merge into; the binding buffers ticks until then.
        if (state.loading || !isSameStream(state, stream)) return;
        const candles = mergeCandles(state.candles, incoming);
        if (candles === state.candles) return;
        const last = candles.at(-1) as Candle;
        set({
          candles,
          priceDirection: nextDirection(state.priceDirection, state.candles.at(-1)?.close, last.close),
        });
      },

      prependCandles: (stream, before, older) => {
        const state = get();
        const last = older.at(-1);
        if (state.loading || !isSameStream(state, stream) || state.candles[0]?.time !== before) return;
        if (!last || last.time >= before) return;
        set({ candles: [...older, ...state.candles] });
      },

      failSubscribe: (stream, message) => {
        if (isSameStream(get(), stream)) set({ subscribeError: message, loading: false });
      },

      retrySubscribe: () => {
        const state = get();
        set({
          subscribeAttempt: state.subscribeAttempt + 1,
          subscribeError: null,
          loading: state.candles.length === 0,
        });
      },
    };
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
