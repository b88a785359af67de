import type { SymbolInfo } from '../../../../../shared/http.ts';
import type { Answer } from '../answer-kit.ts';

const list = (symbols: readonly SymbolInfo[]) => symbols.map((s) => s.symbol).join(', ');

function examples(symbols: readonly SymbolInfo[]): string[] {
  const [a = 'BTC', b = 'ETH', c = a] = symbols.map((s) => s.base);
  return [
    `What's the price of ${a}?`,
    `How much did ${b} move this week?`,
    `How is ${a} doing on 4h?`,
    `RSI of ${b} on 15m`,
    `Forecast for ${c}`,
    `How accurate are your predictions for ${a}?`,
    `Is ${b} risky right now?`,
    `Support and resistance for ${a}`,
    `Compare ${a} and ${b}`,
    'What is MACD?',
  ];
}

export function answerHelp(symbols: readonly SymbolInfo[]): Answer {
  const ex = examples(symbols);
  return {
    text:
      `I answer from the live market data of ${list(symbols)}, on 1m, 5m, 15m, 1h, 4h and 1d charts. Try: ` +
      `${ex.map((e) => `“${e}”`).join(', ')}. Follow-ups work too: “and ${symbols[1]?.base ?? 'ETH'}?”, “what about on 1h?”.`,
    figures: [],
    suggestions: ex.slice(0, 3),
  };
}

export function answerUnknown(symbols: readonly SymbolInfo[]): Answer {
  const ex = examples(symbols);
  return {
    text:
      'I did not catch that. I can give the price and how much it moved, the trend, any indicator ' +
      '(RSI, MACD, EMA, Bollinger, ATR, stochastic, ADX, OBV, VWAP), the forecast and its track record, risk and ' +
      `anomalies, support and resistance, and comparisons — for ${list(symbols)}. Ask “help” for examples.`,
    figures: [],
    suggestions: [ex[0]!, ex[2]!, ex[4]!],
  };
}

export function answerUnknownSymbol(unknown: readonly string[], symbols: readonly SymbolInfo[]): Answer {
  const names = unknown.join(' and ');
  return {
    text: `${names} ${unknown.length > 1 ? 'are' : 'is'} not available here. The symbols on offer are ${list(symbols)}.`,
    figures: [],
    suggestions: symbols.slice(0, 3).map((s) => `Price of ${s.base}`),
  };
}

export function answerWhichSymbol(symbols: readonly SymbolInfo[]): Answer {
  return {
    text: `Which symbol do you mean? I have ${list(symbols)}.`,
    figures: [],
    suggestions: symbols.slice(0, 3).map((s) => `How is ${s.base} doing?`),
  };
}
