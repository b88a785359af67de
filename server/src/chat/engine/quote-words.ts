/**
 * The currency a question wants a price in: "in EUR", "in euros", "in yen", "ETH in BTC". Pairs
 * written out (`BTC/EUR`, `btceur`) are read by symbol-words.ts.
 */
const CURRENCIES: Readonly<Record<string, string>> = {
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '€': 'EUR',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  sterling: 'GBP',
  '£': 'GBP',
  yen: 'JPY',
  jpy: 'JPY',
  '¥': 'JPY',
  chf: 'CHF',
  franc: 'CHF',
  francs: 'CHF',
  aud: 'AUD',
  cad: 'CAD',
  inr: 'INR',
  rupee: 'INR',
  rupees: 'INR',
  lira: 'TRY',
  rub: 'RUB',
  ruble: 'RUB',
  rubles: 'RUB',
  roubles: 'RUB',
  cny: 'CNY',
  yuan: 'CNY',
  krw: 'KRW',
  sats: 'SATS',
  satoshi: 'SATS',
  satoshis: 'SATS',
  usdc: 'USDC',
  busd: 'BUSD',
  fdusd: 'FDUSD',
};

/** Coins that are also quotes: only "in BTC", "priced in ETH" make them a currency. */
const COIN_QUOTES: Readonly<Record<string, string>> = {
  btc: 'BTC',
  bitcoin: 'BTC',
  eth: 'ETH',
  ether: 'ETH',
  bnb: 'BNB',
  usdt: 'USDT',
};

export interface QuoteMention {
  /** `EUR`, `USD`, `BTC`. */
  quote: string;
  /** As the question wrote it: `euros`. */
  word: string;
  /** Where the words start and end in the text, so they are not also read as a coin. */
  at: number;
  length: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (table: Record<string, string>) =>
  Object.keys(table)
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
const CURRENCY = new RegExp(`(?<![a-z0-9])(${alternatives(CURRENCIES)})(?![a-z0-9])`);
/** "to" is left out: "what happened to ETH" names a coin, not a currency. */
const IN_COIN = new RegExp(`\\b(in|into|priced in|per)\\s+(${alternatives(COIN_QUOTES)})\\b`);

export const CURRENCY_WORDS: ReadonlySet<string> = new Set(Object.keys(CURRENCIES));

/** The currency the (lower-case) question asks its price in, if it names one. */
export function findQuote(text: string): QuoteMention | undefined {
  const coin = IN_COIN.exec(text);
  if (coin) {
    const word = coin[2]!;
    return {
      quote: COIN_QUOTES[word]!,
      word,
      at: coin.index + coin[0].length - word.length,
      length: word.length,
    };
  }
  const m = CURRENCY.exec(text);
  if (!m) return undefined;
  return { quote: CURRENCIES[m[1]!]!, word: m[1]!, at: m.index, length: m[1]!.length };
}
