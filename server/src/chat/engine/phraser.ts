import type { ChatReply } from './chat-tools.ts';

/**
 * Rewords an engine reply, e.g. with an LLM. It must keep the engine's figures as they are and fall
 * back to the engine's reply on any failure; the engine also guards against one that throws.
 */
export interface Phraser {
  phrase(question: string, reply: ChatReply): Promise<ChatReply>;
}
