import { describeCondition, type Alert, type AlertCondition } from '../../../shared/alerts.ts';
import { formatPrice } from '../format/numbers.ts';
import { appStore } from '../store/index.ts';

/** The symbol's own precision from the offered list; 2 before the list is in. */
export function precisionOf(symbol: string): number {
  return appStore.getState().symbols.find((s) => s.symbol === symbol)?.pricePrecision ?? 2;
}

export function priceText(symbol: string, price: number): string {
  return formatPrice(price, precisionOf(symbol));
}

/** "price crosses above 51,000.00", with the symbol's digits. */
export function conditionText(symbol: string, condition: AlertCondition): string {
  return describeCondition(condition, (value) => priceText(symbol, value));
}

export function repeatText(alert: Pick<Alert, 'repeat' | 'cooldownSeconds'>): string {
  if (!alert.repeat) return 'once';
  const minutes = Math.round(alert.cooldownSeconds / 60);
  return minutes >= 60 && minutes % 60 === 0 ? `every ${minutes / 60}h at most` : `every ${minutes}m at most`;
}

// 24-hour times, as the chart's axis and cards write them.
const timeOnly = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const withDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A trigger's time: the time alone today, with the date otherwise, so yesterday's never reads as now. */
export function triggerTime(ms: number, now = Date.now()): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  return (sameDay ? timeOnly : withDate).format(ms);
}
