import type { ParsedQuestion } from '../parse-question.ts';
import type { Answer, AnswerKit } from '../answer-kit.ts';
import { EXPLANATIONS } from '../glossary.ts';
import { INDICATOR_LABELS } from '../indicator-words.ts';

/** Short names for suggestions: "RSI of BTC", not "RSI (14) of BTC". */
const shortName = (label: string) => label.replace(/\s*\(.*\)$/, '');

export function answerExplain(q: ParsedQuestion, kit: AnswerKit): Answer {
  const base = q.symbol ? kit.base(q.symbol) : kit.tools.symbols()[0]?.base;
  if (q.indicator) {
    const name = shortName(INDICATOR_LABELS[q.indicator]);
    return {
      text: EXPLANATIONS[q.indicator],
      figures: [],
      suggestions: base
        ? [`${name} of ${base}`, `${name} of ${base} on 4h`, 'Explain MACD']
        : ['Explain MACD'],
    };
  }
  if (q.topic) {
    return {
      text: EXPLANATIONS[q.topic],
      figures: [],
      suggestions: base ? [`Forecast for ${base}`, `How accurate are the ${base} forecasts?`] : [],
    };
  }
  return {
    text:
      'I can explain RSI, MACD, EMAs and SMAs, Bollinger bands, ATR, the stochastic, ADX, OBV and VWAP, ' +
      'as well as support and resistance, the forecast ranges, the MAE ratio and the market regime.',
    figures: [],
    suggestions: ['What is RSI?', 'Explain Bollinger bands', 'What does the MAE ratio mean?'],
  };
}
