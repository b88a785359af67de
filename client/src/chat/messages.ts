import type { ChatMessage, Conversation } from '../../../shared/chat.ts';

/** Message ids are database sequence numbers as decimal strings: longer is larger. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  return a.createdAt - b.createdAt || compareIds(a.id, b.id);
}

/**
 * Merges messages from any source (an older page, an ack, a push) into a conversation's list, oldest
 * first. The same message arrives twice in the tab that asked (its ack and the push to every tab), so
 * ids are unique in the result; a stored message never changes, so the copy held is kept. Returns
 * `held` itself when nothing is new.
 */
export function mergeMessages(
  held: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): readonly ChatMessage[] {
  const byId = new Map(held.map((message) => [message.id, message]));
  let changed = false;
  for (const message of incoming) {
    if (byId.has(message.id)) continue;
    byId.set(message.id, message);
    changed = true;
  }
  if (!changed) return held;
  return [...byId.values()].sort(compareMessages);
}

/** Newest activity first, as the conversation list shows them. */
export function sortConversations(conversations: readonly Conversation[]): Conversation[] {
  return [...conversations].sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt);
}

/** Adds or replaces one conversation, keeping the order. */
export function upsertConversation(
  conversations: readonly Conversation[],
  conversation: Conversation,
): Conversation[] {
  return sortConversations([...conversations.filter((c) => c.id !== conversation.id), conversation]);
}
