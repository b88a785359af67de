import { ALERT_EMA_PERIODS, MAX_MOVE_BARS } from '../../../../../shared/alerts.ts';
import type { AlertGap } from '../alert-draft.ts';
import { createQuestion } from '../alert-phrases.ts';
import type { AlertRequest } from '../alert-words.ts';
import type { Answer, AnswerKit } from '../answer-kit.ts';
import { formatSpan } from '../format-numbers.ts';
import { INDICATOR_LABELS } from '../indicator-words.ts';
import type { ParsedQuestion } from '../parse-question.ts';

const WATCHED = 'the price, a move in %, RSI 14, the EMA 20, 50 or 200, and MACD against its signal';

/** The question again about another coin, for the chips of "which coin?". */
function askedAbout(base: string, request: AlertRequest | undefined, q: ParsedQuestion): string {
  if (request?.percent !== undefined)
    return `Alert me if ${base} ${request.percent < 0 ? 'drops' : 'rises'} ${Math.abs(request.percent)}%`;
  const rsi = q.indicator === 'rsi14' ? ' RSI' : '';
  if (request?.level === undefined) return `Alert me on ${base}${rsi}`;
  const goes =
    request.direction === 'below' ? 'drops below' : request.direction === 'above' ? 'goes above' : 'crosses';
  return `Alert me when ${base}${rsi} ${goes} ${request.level}`;
}

/** Round levels a little above and below the price: chips, never a level set without asking. */
function roundLevels(price: number): [number, number] {
  const step = 10 ** (Math.floor(Math.log10(price)) - 1);
  const round = (x: number) => Number(x.toPrecision(12));
  return [round(Math.ceil((price * 1.02) / step) * step), round(Math.floor((price * 0.98) / step) * step)];
}

/** Asks for what the alert question left out, and offers whole questions as chips. */
export async function askForGap(gap: AlertGap, q: ParsedQuestion, kit: AnswerKit): Promise<Answer> {
  if (gap.missing === 'symbol') {
    const symbols = kit.tools.symbols();
    return {
      text: `${gap.note ? `${gap.note} ` : ''}Which coin should the alert watch? I have ${symbols.map((s) => s.symbol).join(', ')}.`,
      figures: [],
      suggestions: symbols.slice(0, 3).map((s) => askedAbout(s.base, q.alert, q)),
      refusal: { kind: 'no-symbol', words: [] },
    };
  }
  const symbol = q.symbol!;
  const base = kit.base(symbol);
  const on = q.timeframe ? q.timeframe : undefined;
  if (gap.missing === 'level' && gap.kind === 'rsi')
    return {
      text: `At what RSI level? Say, for example, “${createQuestion(base, { kind: 'rsi', op: 'below', value: 30 }, on)}”.`,
      figures: [],
      suggestions: [
        createQuestion(base, { kind: 'rsi', op: 'below', value: 30 }, on),
        createQuestion(base, { kind: 'rsi', op: 'above', value: 70 }, on),
      ],
    };
  if (gap.missing === 'level') {
    const last = (await kit.tools.candles(symbol, '1m', 1)).at(-1);
    const [above, below] = last ? roundLevels(last.close) : [undefined, undefined];
    const chips =
      above !== undefined && below !== undefined
        ? [
            createQuestion(base, { kind: 'price', op: 'above', value: above }),
            createQuestion(base, { kind: 'price', op: 'below', value: below }),
          ]
        : [];
    return {
      text:
        `At what price should I alert you? ` +
        (last ? `${symbol} is at ${kit.price(symbol, last.close)} now. ` : '') +
        (chips[0] ? `Say, for example, “${chips[0]}”.` : ''),
      figures: last ? [kit.priceFigure('Last price', symbol, last.close, kit.candleAsOf(last, '1m'))] : [],
      suggestions: chips,
    };
  }
  if (gap.missing === 'ema-period')
    return {
      text: `Which EMA: ${ALERT_EMA_PERIODS.join(', ')}? Those are the ones the chart draws and alerts watch.`,
      figures: [],
      suggestions: ALERT_EMA_PERIODS.map((period) =>
        createQuestion(base, { kind: 'ema', op: 'above', period }, on),
      ),
    };
  if (gap.missing === 'supported-indicator')
    return {
      text: `I can’t set alerts on the ${INDICATOR_LABELS[gap.indicator]}: alerts watch ${WATCHED}.`,
      figures: [],
      suggestions: [
        createQuestion(base, { kind: 'rsi', op: 'below', value: 30 }, on),
        createQuestion(base, { kind: 'ema', op: 'above', period: 200 }, on),
      ],
    };
  return {
    text:
      `I can’t watch a move over ${formatSpan(gap.windowMs)}: a move is measured over up to ` +
      `${MAX_MOVE_BARS} whole candles of one offered timeframe.`,
    figures: [],
    suggestions: [`Alert me if ${base} drops 5% in 24 hours`, `Alert me if ${base} drops 5% in an hour`],
  };
}
