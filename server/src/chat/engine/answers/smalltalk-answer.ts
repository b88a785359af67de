import type { SymbolInfo } from '../../../../../shared/http.ts';
import type { Answer } from '../answer-kit.ts';
import type { Smalltalk } from '../smalltalk-words.ts';

const either = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? 'the symbols on offer') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`;

/** Greetings, thanks and goodbyes get a line, not the help text. */
export function answerSmalltalk(kind: Smalltalk | undefined, symbols: readonly SymbolInfo[]): Answer {
  const [a = 'BTC', b = 'ETH'] = symbols.map((s) => s.base);
  const suggestions = [`How is ${a} doing?`, `Which coin is strongest today?`];
  if (kind === 'thanks') return { text: 'You’re welcome.', figures: [], suggestions };
  if (kind === 'ok')
    return { text: 'Anything else? Ask about a price, a trend or an indicator.', figures: [], suggestions };
  if (kind === 'bye') return { text: 'Bye — good trading.', figures: [], suggestions };
  return {
    text: `Hello! Ask me about ${either(symbols.map((s) => s.base))}: prices, trends, indicators, volume, forecasts.`,
    figures: [],
    suggestions: [`Price of ${a}`, `RSI of ${b} on 15m`, ...suggestions.slice(1)],
  };
}
