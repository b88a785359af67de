import { z } from 'zod';
import type { ChatReply } from '../engine/chat-tools.ts';
import type { Phraser } from '../engine/phraser.ts';
import { inventedNumbers } from './facts-guard.ts';

export interface LlmPhraserOptions {
  /** An OpenAI-compatible API root such as `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** The whole request, connection included; on expiry the engine's own text is used. */
  timeoutMs: number;
  /** Called with why the LLM's wording was not used, for logging. */
  onFallback?: (reason: unknown) => void;
}

/** Longer than any answer the engine writes; a longer reply means the model wandered off. */
const MAX_ANSWER_CHARS = 1500;

const SYSTEM_PROMPT = [
  'You are the assistant of TrendScope, a crypto trading dashboard. You reword an answer that was',
  'computed from live market data. Use ONLY the facts given: do not add numbers, prices, predictions,',
  'advice or opinions that are not in them, and copy every number exactly as written. Keep it short',
  '(at most four sentences), plain English for a trader, no markdown, no greeting.',
].join(' ');

const CompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/**
 * Rewords the engine's answers with an LLM behind an OpenAI-compatible `POST /chat/completions`.
 * The engine's figures, chart and context are kept as they are; only the text changes, and only
 * when the model's text uses no number that the engine's answer does not have. On any error,
 * timeout or invented number the engine's own text stands and `phrasedBy` stays `engine`.
 */
export function createLlmPhraser(options: LlmPhraserOptions): Phraser {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    async phrase(question, reply): Promise<ChatReply> {
      const facts = {
        question,
        answer: reply.text,
        figures: reply.payload.figures.map((f) => ({ label: f.label, value: f.value })),
        ...(reply.payload.symbol ? { symbol: reply.payload.symbol } : {}),
        ...(reply.payload.timeframe ? { timeframe: reply.payload.timeframe } : {}),
      };
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: options.model,
            temperature: 0.2,
            max_tokens: 400,
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              {
                role: 'user',
                content: `Facts (JSON):\n${JSON.stringify(facts)}\n\nReword the answer to the question.`,
              },
            ],
          }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (!response.ok) throw new Error(`LLM answered HTTP ${response.status}`);
        const text = CompletionSchema.parse(await response.json()).choices[0]!.message.content.trim();
        if (text === '' || text.length > MAX_ANSWER_CHARS) throw new Error('LLM answer empty or too long');
        const invented = inventedNumbers(
          text,
          `${reply.text} ${facts.figures.map((f) => f.value).join(' ')}`,
        );
        if (invented.length > 0)
          throw new Error(`LLM answer has numbers not in the facts: ${invented.join(', ')}`);
        return { text, payload: { ...reply.payload, phrasedBy: 'llm' } };
      } catch (error) {
        options.onFallback?.(error);
        return reply;
      }
    },
  };
}
