import type { Answer, AnswerKit } from '../answer-kit.ts';
import type { ParsedQuestion } from '../parse-question.ts';
import { answerAlertCreate } from './alert-create-answer.ts';
import { answerAlertDelete } from './alert-delete-answer.ts';
import { answerAlertList } from './alert-list-answer.ts';

/** Sets, lists or deletes the asker's alerts ("alert me when BTC goes above 51000", "my alerts"). */
export function answerAlert(q: ParsedQuestion, kit: AnswerKit): Promise<Answer> {
  const request = q.alert ?? { action: 'create' as const };
  // The conversation's coin is meant only when the question points back at it ("delete that alert").
  const symbol = request.symbolCarried && !request.refersBack ? undefined : q.symbol;
  switch (request.action) {
    case 'list':
      return answerAlertList({ ...q, symbol }, kit);
    case 'delete':
      return answerAlertDelete({ ...q, symbol, alert: request }, kit);
    case 'create':
      return answerAlertCreate(q, kit);
  }
}
