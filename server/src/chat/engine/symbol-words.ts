import type { SymbolInfo } from '../../../../shared/http.ts';

/**
 * What traders call the common coins. Coins the market does not offer are listed too, so "price of
 * dogecoin" gets "not available here" instead of a confused answer.
 */
const COIN_NAMES: Readonly<Record<string, string>> = {
  bitcoin: 'BTC',
  xbt: 'BTC',
  ethereum: 'ETH',
  ether: 'ETH',
  solana: 'SOL',
  'binance coin': 'BNB',
  'bnb coin': 'BNB',
  cardano: 'ADA',
  ada: 'ADA',
  ripple: 'XRP',
  xrp: 'XRP',
  dogecoin: 'DOGE',
  doge: 'DOGE',
  polkadot: 'DOT',
  litecoin: 'LTC',
  ltc: 'LTC',
  chainlink: 'LINK',
  avalanche: 'AVAX',
  avax: 'AVAX',
  polygon: 'MATIC',
  matic: 'MATIC',
  tron: 'TRX',
  trx: 'TRX',
  'shiba inu': 'SHIB',
  shib: 'SHIB',
  toncoin: 'TON',
  uniswap: 'UNI',
  stellar: 'XLM',
  cosmos: 'ATOM',
  monero: 'XMR',
  xmr: 'XMR',
  'bitcoin cash': 'BCH',
  bch: 'BCH',
  aptos: 'APT',
  arbitrum: 'ARB',
  pepe: 'PEPE',
};

/** Quote currencies: with one of these after a slash or dash, the word before is a base. */
const QUOTES = new Set(['usdt', 'usd', 'usdc', 'busd', 'fdusd', 'tusd', 'dai', 'eur', 'btc', 'eth', 'bnb']);

/** The words that name coins, offered or not, for spotting and correcting them: `bitcoin`, `btc`. */
export function coinWords(symbols: readonly SymbolInfo[]): Map<string, string> {
  const named = new Map<string, string>();
  for (const [name, base] of Object.entries(COIN_NAMES))
    for (const word of name.split(' ')) if (!named.has(word)) named.set(word, base);
  for (const s of symbols) {
    const base = s.base.toLowerCase();
    if (!ENGLISH.has(base)) named.set(base, s.base);
  }
  return named;
}

/**
 * Bases that are also English words (or too short to be safe) match only when written in capitals,
 * so "is it near support" or "one more" never picks a coin.
 */
const ENGLISH = new Set([
  'near',
  'one',
  'link',
  'op',
  'gas',
  'ant',
  'key',
  'dash',
  'sun',
  'ray',
  'win',
  'hot',
]);

/** Capitalised words that are not tickers: indicator names, units, trading slang, shouting. */
const NOT_TICKERS = new Set(
  (
    'RSI MACD EMA SMA MA ATR ADX DI DMI OBV VWAP BB UTC GMT USD USDT USDC EUR I A OK TA AI LLM ATH ATL ' +
    'P MAE FAQ YTD MTD WTD PM AM EST PST CET FOMO FUD HODL DCA SL TP PNL ROI APY IMO LOL ETF SEC FED CPI ' +
    'US EU UK NY VS OR AND THE IS IT H1 H4 D1 M1 M5 M15 PLS PLZ TL DR TLDR STOCH SR'
  ).split(' '),
);
const INDICATOR_WITH_PERIOD = /^(EMA|SMA|MA|RSI|ATR|ADX)\d+$/;

export interface SymbolMatches {
  /** Offered symbols in the order the question names them. */
  found: string[];
  /** Coins or pairs the question names that the market does not offer, e.g. `DOGE`. */
  unknown: string[];
  /** The words of the question these were read from, lower case: none of them is unknown. */
  words: string[];
}

interface Hit {
  at: number;
  length: number;
  symbol?: string;
  unknown?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray> {
  for (const m of text.matchAll(re)) yield m as RegExpExecArray;
}

/** The symbol a base stands for: its USDT market if offered, else the first one listed. */
function symbolForBase(base: string, symbols: readonly SymbolInfo[]): string | undefined {
  const offered = symbols.filter((s) => s.base.toUpperCase() === base.toUpperCase());
  return (offered.find((s) => s.quote === 'USDT') ?? offered[0])?.symbol;
}

/**
 * Finds the symbols a question names: pairs (`ETH/USDT`, `eth-usdt`, `ethusdt`), coin names
 * (`bitcoin`, `binance coin`) and tickers (`btc`, `SOL`). Longer matches win over the words inside them.
 */
export function findSymbols(original: string, symbols: readonly SymbolInfo[]): SymbolMatches {
  const text = original.toLowerCase();
  const hits: Hit[] = [];
  const taken = (at: number, length: number) => hits.some((h) => at < h.at + h.length && h.at < at + length);
  const add = (at: number, length: number, base: string, pair?: string) => {
    if (taken(at, length)) return;
    // A pair written out is that pair: BTC/EUR is not BTC/USDT, and the answer must say so.
    const symbol = pair ? symbols.find((s) => s.symbol === pair)?.symbol : symbolForBase(base, symbols);
    hits.push(symbol ? { at, length, symbol } : { at, length, unknown: pair ?? base });
  };

  for (const m of matchesOf(/\b([a-z0-9]{2,10})\s*[/-]\s*([a-z]{3,5})\b/g, text)) {
    const [all, rawBase, quote] = m as unknown as [string, string, string];
    if (!QUOTES.has(quote)) continue;
    const base = (COIN_NAMES[rawBase] ?? rawBase).toUpperCase();
    add(m.index, all.length, base, `${base}/${quote.toUpperCase()}`);
  }
  const bases = [...new Set(symbols.map((s) => escape(s.base.toLowerCase())))].join('|');
  const quotes = [...QUOTES].join('|');
  for (const m of bases ? matchesOf(new RegExp(`\\b(${bases})(${quotes})\\b`, 'g'), text) : []) {
    add(m.index, m[0].length, m[1]!.toUpperCase(), `${m[1]!.toUpperCase()}/${m[2]!.toUpperCase()}`);
  }
  const names = Object.keys(COIN_NAMES).sort((a, b) => b.length - a.length);
  for (const name of names) {
    for (const m of matchesOf(new RegExp(`\\b${escape(name)}s?\\b`, 'g'), text)) {
      add(m.index, m[0].length, COIN_NAMES[name]!);
    }
  }
  for (const s of symbols) {
    const base = s.base.toLowerCase();
    const caseless = base.length >= 3 && !ENGLISH.has(base);
    const re = new RegExp(`\\b${escape(caseless ? base : s.base)}\\b`, 'g');
    for (const m of matchesOf(re, caseless ? text : original)) add(m.index, m[0].length, s.base);
  }
  // A capitalised word is a ticker only in a sentence that is not all capitals.
  if (/[a-z]/.test(original)) {
    for (const m of matchesOf(/\b[A-Z][A-Z0-9]{1,9}\b/g, original)) {
      if (!NOT_TICKERS.has(m[0]) && !INDICATOR_WITH_PERIOD.test(m[0])) add(m.index, m[0].length, m[0]);
    }
  }

  hits.sort((a, b) => a.at - b.at);
  const unique = (xs: Array<string | undefined>) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    found: unique(hits.map((h) => h.symbol)),
    unknown: unique(hits.map((h) => h.unknown)),
    words: hits.flatMap((h) => text.slice(h.at, h.at + h.length).split(/[^a-z0-9]+/)).filter(Boolean),
  };
}
