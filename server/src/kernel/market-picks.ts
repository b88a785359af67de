import { SYMBOL_PATTERN } from '../../../shared/market-basics.ts';

/**
 * One item of SYMBOLS: a market by name (`ETH/BTC`), the `count` spot markets of `quote` with the
 * largest 24-hour quote volume (`top:50`, `top:20:EUR`), or every active spot market of a quote
 * (`quote:USDT`). Items are combined in order, each market offered once.
 */
export type MarketPick = string | { top: number; quote: string } | { quote: string };

/** Quote currency of `top:N` when none is named: where most of the volume of most exchanges is. */
export const DEFAULT_TOP_QUOTE = 'USDT';
export const MARKET_PICK_FORMS = 'BASE/QUOTE, top:N, top:N:QUOTE or quote:QUOTE';

const CURRENCY = /^[A-Z0-9]{1,20}$/;
/** Picking more than this by volume is what `quote:` is for. */
const MAX_TOP = 1000;

/** The pick one SYMBOLS item names, or a sentence saying what is wrong with it. */
export function parseMarketPick(item: string): MarketPick | { error: string } {
  const text = item.trim();
  const [kind, ...args] = text.split(':');
  switch (kind?.toLowerCase()) {
    case 'top': {
      const [count = '', quote = DEFAULT_TOP_QUOTE] = args;
      const top = Number(count);
      if (args.length > 2 || !/^\d+$/.test(count) || top < 1 || top > MAX_TOP)
        return { error: `"${text}": top:N needs a whole N from 1 to ${MAX_TOP}, optionally :QUOTE` };
      return CURRENCY.test(quote.toUpperCase())
        ? { top, quote: quote.toUpperCase() }
        : { error: `"${text}": "${quote}" is not a currency code such as USDT` };
    }
    case 'quote': {
      const quote = (args[0] ?? '').toUpperCase();
      return args.length === 1 && CURRENCY.test(quote)
        ? { quote }
        : { error: `"${text}": quote: needs a currency code, e.g. quote:USDT` };
    }
    default:
      return SYMBOL_PATTERN.test(text)
        ? text
        : { error: `"${text}" is none of ${MARKET_PICK_FORMS} (symbols in upper case, e.g. BTC/USDT)` };
  }
}

/** How a pick reads in messages: as it would be written in SYMBOLS. */
export function describePick(pick: MarketPick): string {
  if (typeof pick === 'string') return pick;
  return 'top' in pick ? `top:${pick.top}:${pick.quote}` : `quote:${pick.quote}`;
}
