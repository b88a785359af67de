import { describeAlert, type Alert } from '../../../../../shared/alerts.ts';
import type { Answer, AnswerKit } from '../answer-kit.ts';
import type { ChatAlerts } from '../chat-tools.ts';

/** Said instead, when the alerts cannot be reached: they belong to an account. */
export function alertsGate(kit: AnswerKit, retry: string): { alerts: ChatAlerts } | Answer {
  if (kit.alerts === 'visitor')
    return {
      text:
        'Sign in to use alerts: they are kept with your account and fire on the server even with ' +
        `the browser closed. Once signed in, ask again: “${retry}”.`,
      figures: [],
      suggestions: [retry],
    };
  if (kit.alerts === 'unavailable')
    return { text: 'Alerts can’t be set from the chat on this server.', figures: [], suggestions: [] };
  return { alerts: kit.alerts };
}

/** The coin as the chat names it, or the pair when the market no longer offers it. */
export const baseOf = (kit: AnswerKit, symbol: string) =>
  kit.tools.symbols().find((s) => s.symbol === symbol)?.base ?? symbol;

/** "BTC/USDT 1m: price crosses above 51,000.00", at the symbol's precision when it is offered. */
export function describeFor(kit: AnswerKit, alert: Alert): string {
  const offered = kit.tools.symbols().some((s) => s.symbol === alert.symbol);
  return describeAlert(alert, offered ? (v) => kit.price(alert.symbol, v) : undefined);
}
