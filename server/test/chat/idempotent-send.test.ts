import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatPayload } from '../../../shared/chat-answer.ts';
import type { ChatMessageEvent, ChatSendResult } from '../../../shared/chat.ts';
import { createUser } from '../../src/auth/user-repository.ts';
import { storeQuestion } from '../../src/chat/chat-sends.ts';
import { ChatService } from '../../src/chat/chat-service.ts';
import type { ChatEngine, ChatReply } from '../../src/chat/engine/chat-tools.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import {
  DATABASE_BACKENDS,
  type DatabaseBackend,
  type DatabaseLocation,
} from '../support/database-backends.ts';
import { waitFor } from '../support/wait.ts';

const payload: ChatPayload = { intent: 'help', figures: [], context: {}, phrasedBy: 'engine' };

/** An engine whose answers the test releases one by one, numbered in the order it was asked. */
class HeldEngine implements ChatEngine {
  asked = 0;
  holding = false;
  private readonly held: Array<() => void> = [];

  reply(): Promise<ChatReply> {
    const reply = { text: `answer #${++this.asked}`, payload };
    if (!this.holding) return Promise.resolve(reply);
    return new Promise((resolve) => this.held.push(() => resolve(reply)));
  }

  /** Releases one held answer: `index` among those still held, in the order they were asked. */
  release(index: number): void {
    this.held.splice(index, 1)[0]!();
  }

  get waiting(): number {
    return this.held.length;
  }
}

/** Two attempts of one question, a retry racing the first or a crash between question and answer. */
function describeIdempotentSends({ name, skip, create }: DatabaseBackend) {
  describe.skipIf(skip)(`chat:send retried with its clientId on ${name}`, () => {
    let location: DatabaseLocation;
    let handle: DatabaseHandle;
    let engine: HeldEngine;
    let chat: ChatService;
    let pushed: ChatMessageEvent[];

    beforeAll(async () => {
      location = await create();
      handle = await location.open();
    });
    afterAll(async () => {
      await handle?.close();
      await location?.drop();
    });

    async function freshUser() {
      engine = new HeldEngine();
      pushed = [];
      chat = new ChatService({
        db: handle.db,
        engine,
        notify: { message: (_user, event) => pushed.push(event), deleted: () => {} },
        logger: silentLogger,
      });
      return (await createUser(handle.db, `user_${randomUUID().slice(0, 8)}`, 'hash'))!;
    }

    /** Everything stored for the user: each conversation's messages, by role and text. */
    async function storedFor(userId: string) {
      const rows = await handle.db
        .selectFrom('messages')
        .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
        .select(['conversations.id as conversationId', 'messages.role', 'messages.text'])
        .where('conversations.user_id', '=', userId)
        .orderBy('messages.id')
        .execute();
      const conversations = await handle.db
        .selectFrom('conversations')
        .select('id')
        .where('user_id', '=', userId)
        .execute();
      return { conversations: conversations.length, messages: rows };
    }

    const expectSameAck = (a: ChatSendResult, b: ChatSendResult) => {
      expect(b.conversationId).toBe(a.conversationId);
      expect(b.question).toEqual(a.question);
      expect(b.message).toEqual(a.message);
    };

    it('stores the first question of a new conversation once when two attempts race', async () => {
      const user = await freshUser();
      const request = { text: 'BTC price?', clientId: randomUUID() };
      const [a, b] = await Promise.all([chat.send(user.id, request), chat.send(user.id, request)]);
      expectSameAck(a, b);
      expect(await storedFor(user.id)).toEqual({
        conversations: 1,
        messages: [
          { conversationId: a.conversationId, role: 'user', text: 'BTC price?' },
          { conversationId: a.conversationId, role: 'assistant', text: a.message.text },
        ],
      });
      expect(pushed).toHaveLength(1);
    });

    it('answers once when a retry arrives while the first attempt is still answering', async () => {
      const user = await freshUser();
      const request = { text: 'ETH trend?', clientId: randomUUID() };
      engine.holding = true;
      const first = chat.send(user.id, request);
      await waitFor(() => engine.waiting === 1, 'the first attempt answering');
      const retry = chat.send(user.id, request);
      await waitFor(() => engine.waiting === 2, 'the retry answering too');
      // The retry's answer lands first; the first attempt's is dropped, and both ack the same.
      engine.release(1);
      const retried = await retry;
      engine.release(0);
      const original = await first;
      expectSameAck(original, retried);
      expect(retried.message.text).toBe('answer #2');
      expect((await storedFor(user.id)).messages.map((m) => m.text)).toEqual(['ETH trend?', 'answer #2']);
      expect(pushed).toHaveLength(1);
    });

    it('stores once when many retries race into an existing conversation', async () => {
      const user = await freshUser();
      const opened = await chat.send(user.id, { text: 'SOL price?', clientId: randomUUID() });
      const request = { conversationId: opened.conversationId, text: 'and on 1h?', clientId: randomUUID() };
      const acks = await Promise.all(Array.from({ length: 5 }, () => chat.send(user.id, request)));
      for (const ack of acks.slice(1)) expectSameAck(acks[0]!, ack);
      expect((await storedFor(user.id)).messages.map((m) => m.text)).toEqual([
        'SOL price?',
        opened.message.text,
        'and on 1h?',
        acks[0]!.message.text,
      ]);
    });

    it('answers a question stored before a crash, once, and replays that answer to later retries', async () => {
      const user = await freshUser();
      const clientId = randomUUID();
      // What a process killed between storing the question and answering it leaves behind.
      const stored = await storeQuestion(handle.db, user.id, clientId, { title: 'BNB?', text: 'BNB?' });
      expect(stored).toMatchObject({ question: { text: 'BNB?' } });
      const answered = await chat.send(user.id, { text: 'BNB?', clientId });
      const replayed = await chat.send(user.id, { text: 'BNB?', clientId });
      expectSameAck(answered, replayed);
      expect(answered.question.id).toBe((stored as { question: { id: string } }).question.id);
      expect((await storedFor(user.id)).messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(engine.asked).toBe(1);
      expect(pushed).toHaveLength(1);
    });

    it('refuses an id reused for another question, and keeps one user’s ids apart from another’s', async () => {
      const alice = await freshUser();
      const clientId = randomUUID();
      await chat.send(alice.id, { text: 'BTC price?', clientId });
      await expect(chat.send(alice.id, { text: 'ETH price?', clientId })).rejects.toMatchObject({
        code: 'INVALID_PAYLOAD',
      });
      const bob = (await createUser(handle.db, `bob_${randomUUID().slice(0, 8)}`, 'hash'))!;
      const bobs = await chat.send(bob.id, { text: 'ETH price?', clientId });
      expect(bobs.question.text).toBe('ETH price?');
      expect((await storedFor(alice.id)).messages.map((m) => m.text)).toEqual([
        'BTC price?',
        expect.any(String),
      ]);
    });
  });
}

for (const backend of DATABASE_BACKENDS) describeIdempotentSends(backend);
