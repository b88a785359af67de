import type { SymbolInfo } from '../../../../../shared/http.ts';
import type { Answer } from '../answer-kit.ts';
import type { Offer } from './refusal-answer.ts';

const list = (symbols: readonly SymbolInfo[]) => symbols.map((s) => s.symbol).join(', ');

function examples(symbols: readonly SymbolInfo[]): string[] {
  const [a = 'BTC', b = 'ETH', c = a] = symbols.map((s) => s.base);
  return [
    `What's the price of ${a}?`,
    `How much did ${b} move this week?`,
    `How is ${a} doing on 4h?`,
    `RSI of ${b} on 15m`,
    `Is ${a} overbought?`,
    `Volume of ${b} against its average`,
    `${a} high and low today`,
    `The last 5 candles of ${c}`,
    'Which coin is strongest today?',
    `Forecast for ${c}`,
    `How accurate are your predictions for ${a}?`,
    `Is ${b} risky right now?`,
    `Support and resistance for ${a}`,
    `Compare ${a} and ${b}`,
    'What is MACD?',
  ];
}

/** What the engine answers, on the symbols and timeframes the market offers now. */
export function answerHelp(offer: Offer): Answer {
  const ex = examples(offer.symbols);
  return {
    text:
      `I answer from the live market data of ${list(offer.symbols)}, on ${offer.timeframes.join(', ')} charts. Try: ` +
      `${ex.map((e) => `“${e}”`).join(', ')}. Follow-ups work too: “and ${offer.symbols[1]?.base ?? 'ETH'}?”, “what about on 1h?”. ` +
      'A word I do not know, I say so rather than guess.',
    figures: [],
    suggestions: ex.slice(0, 3),
  };
}
