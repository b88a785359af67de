import type { Alert } from '../../../../../shared/alerts.ts';
import { AppError } from '../../../kernel/errors.ts';
import { deleteDetails, deleteQuestion, matchesDetails } from '../alert-phrases.ts';
import type { AlertRequest } from '../alert-words.ts';
import type { Answer, AnswerKit } from '../answer-kit.ts';
import type { ChatAlerts } from '../chat-tools.ts';
import type { ParsedQuestion } from '../parse-question.ts';
import { alertsGate, baseOf, describeFor } from './alert-gate.ts';

/** Choices offered when a question fits several alerts. */
const MAX_CHOICES = 4;
/** Deleted alerts named in the answer. */
const MAX_SAID = 5;

/** Deletes each; one deleted meanwhile (from another tab) is gone all the same. */
async function removeAll(alerts: ChatAlerts, doomed: readonly Alert[]): Promise<void> {
  for (const alert of doomed)
    await alerts.remove(alert.id).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    });
}

/**
 * "delete the BTC alert", "delete all my alerts": deletes the asker's alerts the question names and
 * says which. Only the coin named (or pointed back at: "delete that alert") is touched; a question that fits
 * several alerts but asks for one is asked back, with each as a chip.
 */
export async function answerAlertDelete(
  q: ParsedQuestion & { alert: AlertRequest },
  kit: AnswerKit,
): Promise<Answer> {
  const on = q.symbol ? ` on ${q.symbol}` : '';
  const gate = alertsGate(
    kit,
    q.symbol ? `Delete my ${baseOf(kit, q.symbol)} alerts` : 'Delete all my alerts',
  );
  if (!('alerts' in gate)) return gate;
  const all = await gate.alerts.list();
  const details = deleteDetails(q);
  const scoped = q.symbol ? all.filter((a) => a.symbol === q.symbol) : all;
  const candidates = scoped.filter((a) => matchesDetails(a.condition, details));
  const others = all.length - candidates.length;
  const kept = others > 0 ? ` Your other ${others === 1 ? 'alert is' : `${others} alerts are`} kept.` : '';

  if (candidates.length === 0)
    return {
      text: `You have no ${scoped.length > 0 ? 'such alert' : 'alerts'}${on}: nothing was deleted.${kept}`,
      figures: [],
      suggestions: ['What alerts do I have?'],
    };
  if (candidates.length > 1 && !q.alert.all) {
    const choices = candidates.slice(0, MAX_CHOICES);
    return {
      text:
        `You have ${candidates.length} alerts${on}; which one should I delete? ` +
        `${choices.map((a) => describeFor(kit, a)).join('; ')}${candidates.length > MAX_CHOICES ? '; …' : ''}.`,
      figures: [],
      suggestions: [
        ...choices.map((a) => deleteQuestion(baseOf(kit, a.symbol), a)),
        q.symbol ? `Delete my ${baseOf(kit, q.symbol)} alerts` : 'Delete all my alerts',
      ],
    };
  }
  await removeAll(gate.alerts, candidates);
  const n = candidates.length;
  const said = candidates.slice(0, MAX_SAID).map((a) => describeFor(kit, a));
  const more = n > MAX_SAID ? `; and ${n - MAX_SAID} more` : '';
  return {
    text: `Deleted ${n} alert${n === 1 ? '' : 's'}${on}: ${said.join('; ')}${more}.${kept}`,
    figures: [],
    suggestions: ['What alerts do I have?'],
  };
}
