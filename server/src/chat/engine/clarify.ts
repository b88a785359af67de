import type { ChatAssumption, ChatContext } from '../../../../shared/chat-answer.ts';
import type { Offer } from './answers/refusal-answer.ts';
import { describeQuestion } from './describe-question.ts';
import { parseQuestion, type ParsedQuestion } from './parse-question.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordRe = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, 'giu');

/** A reading the engine can answer as it stands: nothing unknown, unsupported or missing. */
function answerable(q: ParsedQuestion): boolean {
  return (
    !q.unknownWords &&
    !q.unsupported &&
    !q.unknownSymbols &&
    q.intent !== 'unknown' &&
    (q.symbol !== undefined || ['ranking', 'help', 'explain', 'alert'].includes(q.intent))
  );
}

/**
 * Questions the engine can answer that come closest to one with words it does not know: each
 * unknown word read as a word it resembles ("bnc" as BNB, then as BTC), or, when none is near, the
 * question without them ("the funding rate of ETH" without "funding" is the price of ETH); each
 * sentence on its own. Worded as the engine words questions, to be offered as chips; at most three.
 */
export function closestQuestions(
  text: string,
  q: ParsedQuestion,
  offer: Offer,
  context: ChatContext | undefined,
): string[] {
  const unknown = q.unknownWords ?? [];
  const baseOf = (symbol: string) => offer.symbols.find((s) => s.symbol === symbol)?.base;
  const readings: string[] = [];
  for (const sentence of text.split(/(?<=[.?!;])\s+|\n+/)) {
    const inIt = unknown.filter(({ word }) => wordRe(word).test(sentence));
    for (const { word, near } of inIt)
      for (const meant of near) readings.push(sentence.replace(wordRe(word), meant));
    if (!inIt.some(({ near }) => near.length > 0))
      readings.push(inIt.reduce((rest, { word }) => rest.replace(wordRe(word), ' '), sentence));
  }
  const questions = readings
    .map((reading) => parseQuestion(reading, offer, context))
    .filter(answerable)
    .map((parsed) => describeQuestion(parsed, baseOf));
  return [...new Set(questions.filter((x): x is string => !!x))].slice(0, 3);
}

/** "I don't follow “I would like to know before I decide anything”, so I left it out." */
export function leftOutNote(sentences: readonly string[]): string {
  const quoted = sentences.map((s) => `“${s}”`).join(' or ');
  return `I don't follow ${quoted}, so I left it out.`;
}

/** "Assuming you meant BTC (“bitcon”) and “volume” (“volumn”)." */
export function assumptionNote(assumed: readonly ChatAssumption[]): string {
  const parts = assumed.map(({ word, as }) => {
    const meant = /^[A-Z0-9/]+$/.test(as) ? as : `“${as}”`;
    return `${meant} (“${word}”)`;
  });
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Assuming you meant ${list}.`;
}
