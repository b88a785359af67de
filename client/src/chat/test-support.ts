// Builders and an in-memory server for the chat tests; nothing in the app imports this.
import type { Credentials, PublicUser } from '../../../shared/auth.ts';
import type { ChatMessage, Conversation, MessagesResponse } from '../../../shared/chat.ts';
import type { AuthApi } from '../api/auth.ts';
import type { ChatApi } from '../api/chat.ts';
import { RequestError } from '../api/request.ts';
import { createAppStore } from '../store/create-app-store.ts';
import { SYMBOLS } from '../test-support.ts';

export const CONVERSATION_A = '00000000-0000-4000-8000-00000000000a';
export const CONVERSATION_B = '00000000-0000-4000-8000-00000000000b';
export const T0 = Date.UTC(2024, 0, 1, 14, 5);

export function conversation(id: string, updatedAt = T0, title = 'A question'): Conversation {
  return { id, title, createdAt: T0, updatedAt };
}

export function message(
  id: number,
  conversationId: string,
  role: ChatMessage['role'] = id % 2 === 1 ? 'user' : 'assistant',
  text = `message ${id}`,
): ChatMessage {
  return { id: String(id), conversationId, role, text, payload: null, createdAt: T0 + id * 1000 };
}

/** Paginates like the server: the newest `limit` before `before`, oldest first, with the next cursor. */
export class MemoryChatApi implements ChatApi {
  conversations: Conversation[] = [];
  messages = new Map<string, ChatMessage[]>();
  requests: string[] = [];
  failNext: RequestError | null = null;

  async fetchConversations() {
    this.requests.push('conversations');
    this.throwIfFailing();
    return { conversations: [...this.conversations] };
  }

  async fetchMessages(conversationId: string, page: { before?: string; limit?: number } = {}) {
    this.requests.push(`messages ${conversationId} before=${page.before ?? ''}`);
    this.throwIfFailing();
    const all = this.messages.get(conversationId);
    if (!all) throw new RequestError('NOT_FOUND', 'No such conversation');
    const before = page.before === undefined ? Infinity : Number(page.before);
    const older = all.filter((m) => Number(m.id) < before);
    const slice = older.slice(-(page.limit ?? 50));
    const response: MessagesResponse = { messages: slice };
    if (slice.length < older.length && slice[0]) response.nextBefore = slice[0].id;
    return response;
  }

  async deleteConversation(conversationId: string) {
    this.requests.push(`delete ${conversationId}`);
    this.throwIfFailing();
    this.conversations = this.conversations.filter((c) => c.id !== conversationId);
    this.messages.delete(conversationId);
  }

  private throwIfFailing() {
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
  }
}

/** One account, `alice` / `correct horse`, and a session that is either open or not. */
export class MemoryAuthApi implements AuthApi {
  signedIn: PublicUser | null = null;
  private readonly alice: PublicUser = { id: 'u1', username: 'alice' };

  async register(credentials: Credentials) {
    if (credentials.username === 'alice') throw new RequestError('USERNAME_TAKEN', 'That username is taken');
    this.signedIn = { id: 'u2', username: credentials.username };
    return this.signedIn;
  }
  async login(credentials: Credentials) {
    if (credentials.username !== 'alice' || credentials.password !== 'correct horse')
      throw new RequestError('UNAUTHENTICATED', 'Wrong username or password');
    this.signedIn = this.alice;
    return this.alice;
  }
  async logout() {
    this.signedIn = null;
  }
  async fetchMe() {
    return this.signedIn;
  }
}

export function chatStore(chatApi = new MemoryChatApi(), authApi = new MemoryAuthApi()) {
  return createAppStore({ fetchSymbols: async () => SYMBOLS, chatApi, authApi });
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
