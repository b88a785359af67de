import type { ChatAssumption } from '../../../../shared/chat-answer.ts';
import type { SymbolInfo } from '../../../../shared/http.ts';
import type { QuoteMention } from './quote-words.ts';

/** A quote currency the market does not offer for the coin asked about. */
export interface QuoteUnsupported {
  kind: 'quote';
  /** As the question wrote it: `EUR`, `BTC/EUR`. */
  words: string[];
  /** The currency: `EUR`. */
  code: string;
}

export interface CurrencyReading {
  symbol?: string;
  /** Coins or pairs of coins the market does not list at all. */
  unknownSymbols: string[];
  unsupported?: QuoteUnsupported;
  /** "USD" read as USDT, said so. */
  assumed: ChatAssumption[];
}

/** A word as the question wrote it ("USD", not "usd"), for saying it back. */
function writtenAs(text: string, word: string): string {
  const at = text.toLowerCase().indexOf(word);
  return at >= 0 ? text.slice(at, at + word.length) : word;
}

/**
 * Which pair a question is about once its currency is read: the pair asked for when the market
 * lists it ("BTC/EUR" on an exchange that has it); USDT for dollars, said so; otherwise the coin's
 * other pairs are offered instead ("BTC is not offered against EUR"). Pairs of coins the market
 * does not list at all stay unknown symbols.
 */
export function readCurrency(args: {
  text: string;
  symbols: readonly SymbolInfo[];
  symbol: string | undefined;
  /** Pairs and coins the symbol reader found that the market does not offer: `BTC/EUR`, `DOGE`. */
  notOffered: readonly string[];
  quote: QuoteMention | undefined;
  /** Whether the question is about one coin at all: a ranking in euros is still a ranking. */
  aboutACoin: boolean;
}): CurrencyReading {
  const { text, symbols, quote } = args;
  let symbol = args.symbol;
  let unsupported: QuoteUnsupported | undefined;
  const assumed: ChatAssumption[] = [];
  const unknownSymbols: string[] = [];
  const usdtOf = (base: string | undefined) => symbols.find((s) => s.base === base && s.quote === 'USDT');
  for (const name of args.notOffered) {
    const [base, pairQuote] = name.split('/');
    if (!pairQuote || !symbols.some((s) => s.base === base)) unknownSymbols.push(name);
    else if (pairQuote === 'USD' && usdtOf(base)) {
      // Dollars asked, dollar stablecoin offered: answer in it, and say so.
      symbol ??= usdtOf(base)!.symbol;
      assumed.push({ word: name, as: usdtOf(base)!.symbol });
    } else {
      // The coin is offered in another currency: the answer names the pairs there are.
      symbol ??= (usdtOf(base) ?? symbols.find((s) => s.base === base))?.symbol;
      unsupported ??= { kind: 'quote', words: [name], code: pairQuote };
    }
  }
  const base = symbols.find((s) => s.symbol === symbol)?.base;
  if (quote && base && !unsupported && args.aboutACoin) {
    const pair = symbols.find((s) => s.base === base && s.quote === quote.quote);
    if (pair) symbol = pair.symbol;
    else if (quote.quote === 'USD' && usdtOf(base))
      assumed.push({ word: writtenAs(text, quote.word), as: 'USDT' });
    else unsupported = { kind: 'quote', words: [writtenAs(text, quote.word)], code: quote.quote };
  }
  return { symbol, unknownSymbols, unsupported, assumed };
}
