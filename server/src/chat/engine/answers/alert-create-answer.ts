import { isDeepStrictEqual } from 'node:util';
import type { Alert, AlertCondition } from '../../../../../shared/alerts.ts';
import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import { AppError } from '../../../kernel/errors.ts';
import { draftAlert, isGap, type AlertDraft, type AlertGap } from '../alert-draft.ts';
import { createQuestion } from '../alert-phrases.ts';
import type { Answer, AnswerKit } from '../answer-kit.ts';
import type { ChatAlerts } from '../chat-tools.ts';
import type { ParsedQuestion } from '../parse-question.ts';
import { alertsGate } from './alert-gate.ts';
import { describeSet, liveReading, type LiveReading } from './alert-reading.ts';
import { askForGap } from './alert-gaps.ts';

/** Errors of the alerts service a trader can act on, said as they are; anything else is the engine's. */
const SAID_AS_IS = new Set(['ALERT_LIMIT', 'INVALID_PAYLOAD', 'UNKNOWN_SYMBOL', 'UNSUPPORTED_TIMEFRAME']);

/**
 * The side of a "crosses": towards the level from where the value is now. The reading's value is
 * what the condition compares: the price or RSI against its level, price − EMA and MACD − signal
 * against 0.
 */
function resolve(draft: AlertDraft, reading: LiveReading): AlertCondition | undefined {
  const c = draft.condition;
  if (c.kind === 'move' || c.op !== 'cross') return c as AlertCondition;
  if (reading.value === undefined) return undefined;
  const target = c.kind === 'price' || c.kind === 'rsi' ? c.value : 0;
  return { ...c, op: target > reading.value ? 'above' : 'below' } as AlertCondition;
}

/** Beyond this factor from the price, a level is for another coin more likely than for this one. */
const FAR = 3;

/**
 * "alert me at 51000" after a question about SOL: the coin came from the conversation and the level
 * is nowhere near its price, so it was most likely meant for another coin. Asked, not set: the
 * reason is returned, to be said first.
 */
function farFromCarried(q: ParsedQuestion, draft: AlertDraft, reading: LiveReading, kit: AnswerKit) {
  const c = draft.condition;
  if (!q.alert?.symbolCarried || c.kind !== 'price' || !reading.value) return undefined;
  const ratio = c.value / reading.value;
  if (ratio <= FAR && ratio >= 1 / FAR) return undefined;
  const price = (x: number) => kit.price(draft.symbol, x);
  return `${price(c.value)} is far from ${draft.symbol} (${price(reading.value)} now), so I haven’t set it.`;
}

/** The same alert, still active: a second would only fire twice (and a retried question lands once). */
async function existing(alerts: ChatAlerts, draft: AlertDraft, condition: AlertCondition) {
  return (await alerts.list()).find(
    (a) =>
      a.state === 'active' &&
      a.symbol === draft.symbol &&
      a.timeframe === draft.timeframe &&
      a.repeat === draft.repeat &&
      isDeepStrictEqual(a.condition, condition),
  );
}

function setAnswer(
  draft: AlertDraft,
  alert: Alert,
  reading: LiveReading,
  kit: AnswerKit,
  isNew: boolean,
): Answer {
  const base = kit.base(draft.symbol);
  const fires = alert.repeat ? 'every time it happens' : 'once, then it is done';
  const lead = isNew ? 'Alert set' : 'You already have this alert';
  const text = `${lead}: ${describeSet(alert, kit, draft)}, ${fires}. ${reading.text}`;
  const figures: ChatFigure[] = reading.figures;
  return {
    text,
    figures,
    chart: { symbol: draft.symbol, timeframe: draft.timeframe },
    suggestions: ['What alerts do I have?', `Delete the ${base} alert`, `Price of ${base}`],
  };
}

/**
 * "alert me when BTC goes above 51000": sets the asker's alert and answers with what it set, the live
 * value it watches and how far that is from firing. A question that leaves out the coin or the
 * level is asked about, never guessed; the per-user cap and bad values are said plainly.
 */
export async function answerAlertCreate(q: ParsedQuestion, kit: AnswerKit): Promise<Answer> {
  const draft: AlertDraft | AlertGap = draftAlert(q, kit.tools.timeframes());
  if (isGap(draft)) return askForGap(draft, q, kit);
  const reading = await liveReading(draft, kit);
  const far = farFromCarried(q, draft, reading, kit);
  if (far) return askForGap({ missing: 'symbol', note: far }, q, kit);
  const condition = resolve(draft, reading);
  const retry = createQuestion(kit.base(draft.symbol), condition ?? (draft.condition as AlertCondition));
  const gate = alertsGate(kit, retry);
  if (!('alerts' in gate)) return { ...gate, figures: reading.figures };
  if (!condition)
    return {
      text: `I can’t set that yet: ${reading.text}`,
      figures: reading.figures,
      suggestions: [`Price of ${kit.base(draft.symbol)}`],
    };
  const before = await existing(gate.alerts, draft, condition);
  if (before) return setAnswer(draft, before, reading, kit, false);
  try {
    const alert = await gate.alerts.create({
      symbol: draft.symbol,
      timeframe: draft.timeframe,
      condition,
      ...(draft.repeat ? { repeat: true } : {}),
    });
    return setAnswer(draft, alert, reading, kit, true);
  } catch (error) {
    if (!(error instanceof AppError) || !SAID_AS_IS.has(error.code)) throw error;
    return {
      text: `I couldn’t set that alert: ${error.message}.`,
      figures: reading.figures,
      suggestions: ['What alerts do I have?', 'Delete all my alerts'],
    };
  }
}
