/** Chit-chat: answered in a line, never with the help text or a market answer. */
export type Smalltalk = 'greeting' | 'thanks' | 'ok' | 'bye';

const GREETING =
  /\b(hi|hiya|hello|hey|yo|howdy|sup|gm|good (morning|afternoon|evening|day)|how (are|r) (you|u)|what'?s up)\b/;
const THANKS = /\b(thanks|thank|thx|ty|cheers|appreciated?)\b/;
const OK = /\b(great|awesome|nice|cool|perfect|ok|okay|good|yes|yeah|sure|alright)\b/;
const BYE = /\b(bye|goodbye|cya|see (you|ya)|good night|later|gn)\b/;

export const SMALLTALK_WORDS: ReadonlySet<string> = new Set(
  'hi hiya hello hey yo howdy sup gm gn morning up afternoon evening good thanks thank thx ty cheers appreciate appreciated great awesome nice cool perfect ok okay yes yeah sure alright bye goodbye cya see ya night later'.split(
    ' ',
  ),
);

/**
 * What a message that is only chit-chat says; undefined when it holds anything else ("hi, price of
 * BTC?" is a price question). `isFiller` tells the words that carry nothing ("thank you so much").
 */
export function smalltalkOf(
  tokens: readonly string[],
  isFiller: (word: string) => boolean,
): Smalltalk | undefined {
  if (tokens.length === 0 || !tokens.every((t) => SMALLTALK_WORDS.has(t) || isFiller(t))) return undefined;
  const text = tokens.join(' ');
  if (BYE.test(text)) return 'bye';
  if (GREETING.test(text)) return 'greeting';
  if (THANKS.test(text)) return 'thanks';
  return OK.test(text) ? 'ok' : undefined;
}
