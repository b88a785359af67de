import type { Alert, AlertCondition } from '../../../../shared/alerts.ts';
import type { AlertRequest } from './alert-words.ts';
import type { ParsedQuestion } from './parse-question.ts';

/** What a delete question says of the alert beyond its coin; each absent detail matches any. */
export interface AlertDetails {
  kind?: AlertCondition['kind'];
  level?: number;
  direction?: string;
  percent?: number;
  period?: number;
}

/**
 * Alert questions written out, for the chips the chat offers: each reads back as the same request
 * (parse-question.test.ts holds them to it), so a chip is never a question the engine misreads.
 */

/** "Alert me when BTC goes above 51000", "Alert me when ETH RSI on 15m drops below 30". */
export function createQuestion(base: string, condition: AlertCondition, timeframe?: string): string {
  const on = timeframe ? ` on ${timeframe}` : '';
  const goes = (op: 'above' | 'below') => (op === 'above' ? 'goes above' : 'drops below');
  switch (condition.kind) {
    case 'price':
      return `Alert me when ${base} ${goes(condition.op)} ${condition.value}${on}`;
    case 'rsi':
      return `Alert me when ${base} RSI${on} ${goes(condition.op)} ${condition.value}`;
    case 'move':
      return `Alert me if ${base} ${condition.percent < 0 ? 'drops' : 'rises'} ${Math.abs(condition.percent)}%${on}`;
    case 'ema':
      return `Alert me when ${base} crosses ${condition.op} the EMA ${condition.period}${on}`;
    case 'macd':
      return `Alert me when ${base} MACD${on} crosses ${condition.op} its signal`;
  }
}

/** "Delete the BTC alert at 51000": names one alert among a coin's several. */
export function deleteQuestion(base: string, alert: Pick<Alert, 'condition'>): string {
  const c = alert.condition;
  switch (c.kind) {
    case 'price':
      return `Delete the ${base} alert ${c.op} ${c.value}`;
    case 'rsi':
      return `Delete the ${base} RSI alert ${c.op} ${c.value}`;
    case 'move':
      return `Delete the ${base} ${Math.abs(c.percent)}% ${c.percent < 0 ? 'drop' : 'rise'} alert`;
    case 'ema':
      return `Delete the ${base} EMA ${c.period} alert`;
    case 'macd':
      return `Delete the ${base} MACD alert`;
  }
}

/** Whether an alert is the one a delete question's details name (those it names; none names all). */
export function matchesDetails(condition: AlertCondition, details: AlertDetails): boolean {
  if (details.kind && condition.kind !== details.kind) return false;
  if (details.percent !== undefined)
    return condition.kind === 'move' && Math.abs(condition.percent) === Math.abs(details.percent);
  if (details.period !== undefined && (condition.kind !== 'ema' || condition.period !== details.period))
    return false;
  if (details.level !== undefined) {
    const value = condition.kind === 'price' || condition.kind === 'rsi' ? condition.value : undefined;
    if (value !== details.level) return false;
  }
  if (details.direction === 'above' || details.direction === 'below')
    return 'op' in condition && condition.op === details.direction;
  return true;
}

/** What the question says of the alert beyond its coin: "the RSI alert", "the one at 51000". */
export function deleteDetails(q: Pick<ParsedQuestion, 'indicator' | 'alert'>): AlertDetails {
  const request: Partial<AlertRequest> = q.alert ?? {};
  const indicator = q.indicator;
  const kind: AlertCondition['kind'] | undefined =
    indicator === 'rsi14'
      ? 'rsi'
      : indicator === 'macd'
        ? 'macd'
        : indicator?.startsWith('ema')
          ? 'ema'
          : request.percent !== undefined
            ? 'move'
            : undefined;
  const period = indicator?.startsWith('ema') && indicator !== 'ema' ? Number(indicator.slice(3)) : undefined;
  return { kind, period, level: request.level, direction: request.direction, percent: request.percent };
}
