/**
 * The markets the local exchange lists. The recorded ones (BTC, ETH, BNB and SOL against USDT) play
 * their recording as it is. With `many`, it also lists a catalogue of other markets, so that
 * `SYMBOLS=top:N` or `quote:QUOTE` and the symbol search have a real exchange's choice to work on:
 * each plays one of the recordings rescaled to its own price level, trading a share of its volume.
 * They are stand-ins, not market data, and only this test exchange serves them.
 */
import type { SymbolInfo } from '../../shared/http.ts';
import type { Candle } from '../../shared/market.ts';

export interface Listing extends SymbolInfo {
  /** The recorded market whose candles it plays. */
  recording: string;
  /** Prices are the recording's times this, rounded to `pricePrecision` decimals. */
  priceScale: number;
  /** Its quote volume is the recording's times this (1 for a recorded market). */
  volumeShare: number;
  /** Listed but halted (Binance status BREAK): ccxt then reports the market inactive. */
  trading: boolean;
}

/** Roughly where each recording traded, to rescale it to another market's price level. */
const RECORDED_LEVEL: Record<string, number> = {
  'BTC/USDT': 50_000,
  'ETH/USDT': 3_000,
  'BNB/USDT': 500,
  'SOL/USDT': 40,
};

/**
 * Other markets, by base and a typical price, busiest first: USDT pairs, then other quotes. Two
 * halted ones stand for delisted markets.
 */
const USDT_MARKETS = `XRP 1.4, ADA 1.6, DOGE 0.45, DOT 35, UNI 35, LTC 300, LINK 40, BCH 1100, MATIC 1.8,
  XLM 0.6, ETC 90, VET 0.17, THETA 9, TRX 0.12, FIL 110, EOS 8, AAVE 500, XMR 380, ATOM 22, NEO 100,
  AVAX 40, ALGO 1.4, XTZ 5, MKR 4500, KSM 450, COMP 650, DASH 320, ZEC 260, EGLD 180, CAKE 35,
  HBAR 0.4, NEAR 6, ICP 150, SUSHI 15, SNX 17, YFI 65000, GRT 1.4, CHZ 0.5, ENJ 2.2, MANA 1.3,
  SAND 0.8, BAT 1.2, ZIL 0.18, ONE 0.15, HOT 0.015, RVN 0.15, QTUM 20, ICX 2.5, ONT 1.7, ZRX 1.9,
  OMG 10, WAVES 30, KAVA 6, RUNE 12, 1INCH 5, CRV 3, BAL 50, REN 0.9, KNC 2.8, STORJ 1.6, ANKR 0.15,
  CELR 0.08, FET 0.6, IOTA 1.8, NANO 9, SC 0.03, DGB 0.1, XEM 0.4, LRC 0.6, OCEAN 1.3, BAND 15,
  COTI 0.45, CHR 0.5, ALICE 12, AXS 7, SLP 0.25, FTM 0.7, CELO 5, AR 40, GALA 0.05, SHIB 0.00001,
  PEPE 0.0000012, APT 8, ARB 1.2, OP 2, INJ 20, SUI 1.1, SEI 0.5, TIA 8, WLD 2.5, JUP 0.9, PYTH 0.4,
  BONK 0.00002, WIF 2.5, FLOKI 0.0002, TON 5, PENDLE 4, LDO 2, STX 2, IMX 2, RENDER 7, FLOW 1`;
const OTHER_MARKETS = `ETH/BTC 0.065, BNB/BTC 0.011, SOL/BTC 0.0009, XRP/BTC 0.00003, ADA/BTC 0.00003,
  DOT/BTC 0.0007, LINK/BTC 0.0008, LTC/BTC 0.006, DOGE/BTC 0.000009, BNB/ETH 0.17, LINK/ETH 0.012,
  SOL/ETH 0.013, BTC/EUR 42000, ETH/EUR 2600, BTC/FDUSD 50000, ETH/FDUSD 3000, BTC/USDC 50000,
  ETH/USDC 3000, SOL/USDC 40`;
const HALTED = `LUNA/USDT 80, FTT/USDT 40`;

/** Enough decimals for five significant digits, as exchanges tick small prices finer. */
const decimalsFor = (price: number) => Math.min(8, Math.max(0, 4 - Math.floor(Math.log10(price))));

function parseCatalogue(text: string, defaultQuote: string): Array<{ symbol: string; price: number }> {
  return text.split(',').map((entry) => {
    const [name = '', price = ''] = entry.trim().split(/\s+/);
    return { symbol: name.includes('/') ? name : `${name}/${defaultQuote}`, price: Number(price) };
  });
}

/** The recorded markets as they are, and with `many` the catalogue after them. */
export function createListings(recorded: readonly SymbolInfo[], many: boolean): Listing[] {
  const listings: Listing[] = recorded.map((info) => ({
    ...info,
    recording: info.symbol,
    priceScale: 1,
    volumeShare: 1,
    trading: true,
  }));
  if (!many) return listings;
  const recordings = recorded.map((info) => info.symbol);
  const entries = [
    ...parseCatalogue(USDT_MARKETS, 'USDT').map((e) => ({ ...e, trading: true })),
    ...parseCatalogue(OTHER_MARKETS, 'USDT').map((e) => ({ ...e, trading: true })),
    ...parseCatalogue(HALTED, 'USDT').map((e) => ({ ...e, trading: false })),
  ];
  entries.forEach(({ symbol, price, trading }, i) => {
    const [base = '', quote = ''] = symbol.split('/');
    const recording = recordings[i % recordings.length]!;
    listings.push({
      symbol,
      base,
      quote,
      pricePrecision: decimalsFor(price),
      recording,
      priceScale: price / RECORDED_LEVEL[recording]!,
      // Busiest first, each a little quieter than the one before.
      volumeShare: 0.6 * 0.96 ** i,
      trading,
    });
  });
  return listings;
}

/** A recorded candle as the listing trades it: its price level, its share of the volume. */
export function listedCandle(c: Candle, l: Listing): Candle {
  if (l.priceScale === 1 && l.volumeShare === 1) return c;
  const factor = 10 ** l.pricePrecision;
  const price = (p: number) => Math.round(p * l.priceScale * factor) / factor;
  // Base volume such that the quote volume is the recording's times the share.
  const volume = Math.round(((c.volume * l.volumeShare) / l.priceScale) * 1e8) / 1e8;
  return {
    time: c.time,
    open: price(c.open),
    high: price(c.high),
    low: price(c.low),
    close: price(c.close),
    volume,
  };
}
