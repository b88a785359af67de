import type { StateCreator } from 'zustand/vanilla';
import type {
  ChatMessage,
  ChatMessageEvent,
  ChatSendRequest,
  ChatSendResult,
  Conversation,
} from '../../../shared/chat.ts';
import { MAX_CHAT_TEXT } from '../../../shared/limits.ts';
import type { ChatApi } from '../api/chat.ts';
import { describeFailure, type ClientErrorCode } from '../api/request.ts';
import { mergeMessages, sortConversations, upsertConversation } from '../chat/messages.ts';
import { newClientId, resendDelay, resendingNotice } from '../chat/send-retry.ts';
import type { AppState } from './app-state.ts';

/** Messages per page of history; the newest page is fetched when a conversation opens. */
export const MESSAGE_PAGE_SIZE = 30;

export interface ChatError {
  code: ClientErrorCode;
  message: string;
  /** From the server, with TEMPORARILY_UNAVAILABLE or RATE_LIMITED: how long to wait before asking again. */
  retryAfterMs?: number;
  /** The question may have reached the server: it timed out, or the connection dropped before its answer. */
  maybeDelivered?: boolean;
  /** The question is being sent again by itself; the notice says so until it is answered or given up. */
  resending?: boolean;
}

/** How the socket binding hands a question to the server; failures resolve too, never reject. */
export type ChatSender = (
  request: ChatSendRequest,
) => Promise<{ ok: true; data: ChatSendResult } | { ok: false; error: ChatError }>;

/** The part of one conversation this tab holds: its newest pages, oldest message first. */
export interface Thread {
  messages: readonly ChatMessage[];
  /** Cursor of the page before the oldest message held; null once the start is reached. */
  nextBefore: string | null;
  status: 'loading' | 'ready' | 'error';
  loadingOlder: boolean;
}

export interface PendingQuestion {
  requestId: number;
  /** Null when the question starts a new conversation. */
  conversationId: string | null;
  text: string;
  /** Sent with every attempt of this question, so the server stores it once however often it arrives. */
  clientId: string;
}

export interface ChatSlice {
  /** Newest activity first. */
  conversations: readonly Conversation[];
  conversationsStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** Null: a new chat, which the next question starts. */
  activeConversationId: string | null;
  threads: Readonly<Record<string, Thread>>;
  /** The question on its way to the server; the composer is disabled until it is answered. */
  pendingQuestion: PendingQuestion | null;
  chatError: ChatError | null;
  /** The last question asked in this tab, which Up recalls into an empty box. */
  lastQuestion: string | null;

  setChatSender: (sender: ChatSender | null) => void;
  /** Forgets everything of the previous user; answers still on their way are dropped. */
  resetChat: () => void;
  loadConversations: () => Promise<void>;
  /** After a dropped connection: refresh the list and the open conversation, which may have missed pushes. */
  resyncChat: () => Promise<void>;
  /** Null starts a new chat. Loads the conversation's newest page the first time it opens. */
  openConversation: (conversationId: string | null) => void;
  loadOlderMessages: (conversationId: string) => Promise<void>;
  /** Asks in the active conversation; resolves to false when the question was not sent or failed. */
  sendChat: (text: string) => Promise<boolean>;
  deleteConversation: (conversationId: string) => Promise<boolean>;
  /** A pushed `chat:message`: a question and its answer, from this tab or another. */
  receiveChatMessages: (event: ChatMessageEvent) => void;
  /** A pushed `chat:deleted`, or our own deletion. */
  removeConversation: (conversationId: string) => void;
  dismissChatError: () => void;
}

/** What a question gets while no socket is bound: it never left. */
const notConnected: ChatSender = async () => ({
  ok: false,
  error: { code: 'UNREACHABLE', message: 'Not connected to the server yet.' },
});

const initialChat = {
  conversations: [],
  conversationsStatus: 'idle',
  activeConversationId: null,
  threads: {},
  pendingQuestion: null,
  chatError: null,
  lastQuestion: null,
} satisfies Partial<ChatSlice>;

export function createChatSlice(api: ChatApi): StateCreator<AppState, [], [], ChatSlice> {
  return (set, get) => {
    let sender: ChatSender | null = null;
    /** Bumped by a reset: an answer carrying an older epoch belongs to the previous user. */
    let epoch = 0;
    let lastRequestId = 0;

    const patchThread = (conversationId: string, patch: Partial<Thread>) => {
      const thread = get().threads[conversationId];
      if (thread) set({ threads: { ...get().threads, [conversationId]: { ...thread, ...patch } } });
    };

    /** Shows a failure inline; a lost session also signs the user out, so the sign-in form comes back. */
    const report = (failure: ChatError) => {
      set({ chatError: failure });
      if (failure.code === 'UNAUTHENTICATED') get().sessionEnded();
    };
    const fail = (error: unknown) => report(describeFailure(error));

    /**
     * Merges a question and its answer. `complete`: the messages are the whole conversation (it was just
     * created), so a thread can start from them; otherwise they only join a thread already held.
     */
    const absorb = ({ conversation, messages }: ChatMessageEvent, complete: boolean) => {
      const state = get();
      const thread = state.threads[conversation.id];
      const threads =
        thread !== undefined
          ? {
              ...state.threads,
              [conversation.id]: { ...thread, messages: mergeMessages(thread.messages, messages) },
            }
          : complete
            ? {
                ...state.threads,
                [conversation.id]: {
                  messages: mergeMessages([], messages),
                  nextBefore: null,
                  status: 'ready' as const,
                  loadingOlder: false,
                },
              }
            : state.threads;
      // The push can overtake the ack: the question it carries answers the pending one too.
      const pending = state.pendingQuestion;
      const answersPending =
        pending !== null &&
        (pending.conversationId ?? conversation.id) === conversation.id &&
        messages.some((m) => m.role === 'user' && m.text === pending.text);
      set({
        conversations: upsertConversation(state.conversations, conversation),
        threads,
        ...(answersPending
          ? {
              pendingQuestion: null,
              // A new chat becomes the conversation the server created for it.
              ...(pending.conversationId === null && state.activeConversationId === null
                ? { activeConversationId: conversation.id }
                : {}),
            }
          : {}),
      });
    };

    /** Fetches the newest page of a conversation and merges it into what is held. */
    const loadNewest = async (conversationId: string) => {
      const started = epoch;
      try {
        const page = await api.fetchMessages(conversationId, { limit: MESSAGE_PAGE_SIZE });
        const thread = get().threads[conversationId];
        if (started !== epoch || !thread) return;
        patchThread(conversationId, {
          messages: mergeMessages(thread.messages, page.messages),
          // Only the first load decides where history starts; a refresh leaves the older cursor alone.
          nextBefore: thread.status === 'loading' ? (page.nextBefore ?? null) : thread.nextBefore,
          status: 'ready',
        });
      } catch (error) {
        if (started !== epoch) return;
        patchThread(conversationId, {
          status: get().threads[conversationId]?.status === 'ready' ? 'ready' : 'error',
        });
        fail(error);
      }
    };

    const loadConversations = async (openNewest: boolean) => {
      const started = epoch;
      set({ conversationsStatus: 'loading' });
      try {
        const { conversations } = await api.fetchConversations();
        if (started !== epoch) return;
        const sorted = sortConversations(conversations);
        set({ conversations: sorted, conversationsStatus: 'ready' });
        // Signed in from anywhere, the user finds the conversation they last had.
        const newest = sorted[0];
        if (openNewest && newest && get().activeConversationId === null && get().pendingQuestion === null)
          get().openConversation(newest.id);
      } catch (error) {
        if (started !== epoch) return;
        set({ conversationsStatus: 'error' });
        fail(error);
      }
    };

    return {
      ...initialChat,

      setChatSender: (next) => {
        sender = next;
      },

      resetChat: () => {
        epoch++;
        set(initialChat);
      },

      loadConversations: () => loadConversations(true),

      resyncChat: async () => {
        const active = get().activeConversationId;
        // Other conversations may have missed pushes too: forget them, they load again when opened.
        const kept = active !== null ? get().threads[active] : undefined;
        set({ threads: kept ? { [active as string]: kept } : {} });
        await Promise.all([loadConversations(false), active !== null && kept ? loadNewest(active) : null]);
      },

      openConversation: (conversationId) => {
        set({ activeConversationId: conversationId, chatError: null });
        if (conversationId === null) return;
        const thread = get().threads[conversationId];
        if (thread && thread.status !== 'error') return;
        set({
          threads: {
            ...get().threads,
            [conversationId]: {
              messages: thread?.messages ?? [],
              nextBefore: null,
              status: 'loading',
              loadingOlder: false,
            },
          },
        });
        void loadNewest(conversationId);
      },

      loadOlderMessages: async (conversationId) => {
        const thread = get().threads[conversationId];
        if (!thread || thread.status !== 'ready' || thread.loadingOlder || thread.nextBefore === null) return;
        const started = epoch;
        patchThread(conversationId, { loadingOlder: true });
        try {
          const page = await api.fetchMessages(conversationId, {
            before: thread.nextBefore,
            limit: MESSAGE_PAGE_SIZE,
          });
          const current = get().threads[conversationId];
          if (started !== epoch || !current) return;
          patchThread(conversationId, {
            messages: mergeMessages(current.messages, page.messages),
            nextBefore: page.nextBefore ?? null,
            loadingOlder: false,
          });
        } catch (error) {
          if (started !== epoch) return;
          patchThread(conversationId, { loadingOlder: false });
          fail(error);
        }
      },

      sendChat: async (raw) => {
        const text = raw.trim();
        const state = get();
        if (text === '' || state.pendingQuestion !== null) return false;
        if (text.length > MAX_CHAT_TEXT) {
          set({
            chatError: {
              code: 'INVALID_PAYLOAD',
              message: `A question can be at most ${MAX_CHAT_TEXT} characters.`,
            },
          });
          return false;
        }
        if (state.user === null) {
          set({ chatError: { code: 'UNAUTHENTICATED', message: 'Sign in to chat.' } });
          return false;
        }
        if (sender === null) {
          set({ chatError: { code: 'UNREACHABLE', message: 'Not connected to the server yet.' } });
          return false;
        }
        const conversationId = state.activeConversationId;
        const requestId = ++lastRequestId;
        const started = epoch;
        const clientId = newClientId();
        const request = conversationId === null ? { text, clientId } : { conversationId, text, clientId };
        set({
          pendingQuestion: { requestId, conversationId, text, clientId },
          lastQuestion: text,
          chatError: null,
        });
        /** Still ours to answer: not answered by a push meanwhile, nor dropped by a change of user. */
        const stillPending = () => started === epoch && get().pendingQuestion?.requestId === requestId;

        let outcome = await (sender ?? notConnected)(request);
        for (let attempt = 1; !outcome.ok && stillPending(); attempt++) {
          const delay = resendDelay(outcome.error, attempt);
          if (delay === undefined) break;
          set({ chatError: resendingNotice(outcome.error) });
          await new Promise((resolve) => setTimeout(resolve, delay));
          if (!stillPending()) break;
          outcome = await (sender ?? notConnected)(request);
        }
        if (started !== epoch) return false;
        const pending = stillPending();
        if (get().chatError?.resending) set({ chatError: null });
        if (!outcome.ok) {
          // A push carried the answer while the question was being resent: it was answered after all.
          if (!pending) return true;
          set({ pendingQuestion: null });
          report(outcome.error);
          return false;
        }
        const result = outcome.data;
        absorb(
          { conversation: result.conversation, messages: [result.question, result.message] },
          conversationId === null,
        );
        if (pending) {
          set({
            pendingQuestion: null,
            ...(conversationId === null && get().activeConversationId === null
              ? { activeConversationId: result.conversationId }
              : {}),
          });
        }
        return true;
      },

      deleteConversation: async (conversationId) => {
        const started = epoch;
        try {
          await api.deleteConversation(conversationId);
        } catch (error) {
          if (started === epoch) fail(error);
          return false;
        }
        if (started === epoch) get().removeConversation(conversationId);
        return true;
      },

      receiveChatMessages: (event) => {
        const state = get();
        // A conversation this tab has never seen, with the list loaded, was just created elsewhere:
        // these messages are all of it.
        const isNew =
          state.conversationsStatus === 'ready' &&
          !state.conversations.some((c) => c.id === event.conversation.id);
        absorb(event, isNew);
      },

      removeConversation: (conversationId) => {
        const state = get();
        const { [conversationId]: _removed, ...threads } = state.threads;
        set({
          conversations: state.conversations.filter((c) => c.id !== conversationId),
          threads,
          activeConversationId:
            state.activeConversationId === conversationId ? null : state.activeConversationId,
        });
      },

      dismissChatError: () => {
        if (get().chatError !== null) set({ chatError: null });
      },
    };
  };
}
