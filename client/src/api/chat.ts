import type { ConversationsResponse, MessagesResponse } from '../../../shared/chat.ts';
import { RequestError, requestJson } from './request.ts';

/** Shallow check so a misrouted answer (an HTML page, a proxy) fails here, not deep in a render. */
function listIn<T>(body: T, key: keyof T & string): T {
  if (!Array.isArray((body as Record<string, unknown> | undefined)?.[key]))
    throw new RequestError('UNEXPECTED', 'The server sent an unexpected answer.');
  return body;
}

export interface ChatApi {
  fetchConversations(): Promise<ConversationsResponse>;
  /** One page of a conversation, oldest first; `before` is the `nextBefore` of the newer page. */
  fetchMessages(
    conversationId: string,
    page?: { before?: string; limit?: number },
  ): Promise<MessagesResponse>;
  deleteConversation(conversationId: string): Promise<void>;
}

export const chatApi: ChatApi = {
  fetchConversations: async () =>
    listIn(await requestJson<ConversationsResponse>('GET', '/api/conversations'), 'conversations'),
  fetchMessages: async (conversationId, page = {}) => {
    const query = new URLSearchParams();
    if (page.before !== undefined) query.set('before', page.before);
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    const path = `/api/conversations/${encodeURIComponent(conversationId)}/messages${suffix}`;
    return listIn(await requestJson<MessagesResponse>('GET', path), 'messages');
  },
  deleteConversation: (conversationId) =>
    requestJson<void>('DELETE', `/api/conversations/${encodeURIComponent(conversationId)}`),
};
