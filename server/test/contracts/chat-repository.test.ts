import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatPayload } from '../../../shared/chat-answer.ts';
import type { PublicUser } from '../../../shared/auth.ts';
import { createUser, findUserById, findUserByUsername } from '../../src/auth/user-repository.ts';
import {
  appendMessage,
  createConversation,
  deleteConversation,
  findConversation,
  lastContext,
  listConversations,
  listMessages,
} from '../../src/chat/chat-repository.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import {
  DATABASE_BACKENDS,
  type DatabaseBackend,
  type DatabaseLocation,
} from '../support/database-backends.ts';

const answer = (symbol: string): ChatPayload => ({
  intent: 'price',
  symbol,
  timeframe: '1h',
  figures: [{ label: 'Last price', value: '1.00', raw: 1, asOf: 0 }],
  context: { intent: 'price', symbol, timeframe: '1h' },
  phrasedBy: 'engine',
});

/** Users, conversations and messages on every database backend; one user never reaches another's. */
function describeChatRepository({ name, skip, create }: DatabaseBackend) {
  describe.skipIf(skip)(`accounts and chat on ${name}`, () => {
    let target: DatabaseLocation;
    let handle: DatabaseHandle;
    let alice: PublicUser;
    let bob: PublicUser;
    const db = () => handle.db;

    beforeAll(async () => {
      target = await create();
      handle = await target.open();
      alice = (await createUser(db(), 'Alice', 'hash-a'))!;
      bob = (await createUser(db(), 'bob', 'hash-b'))!;
    });
    afterAll(async () => {
      await handle?.close();
      await target?.drop();
    });

    it('keeps usernames unique whatever their case, and finds them either way', async () => {
      expect(alice.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await createUser(db(), 'ALICE', 'other')).toBeUndefined();
      expect(await findUserByUsername(db(), 'aLiCe')).toEqual({ ...alice, passwordHash: 'hash-a' });
      expect(await findUserByUsername(db(), 'nobody')).toBeUndefined();
      expect(await findUserById(db(), bob.id)).toEqual({ id: bob.id, username: 'bob' });
    });

    it('appends to a conversation only for its owner, and marks it active', async () => {
      const c = await createConversation(db(), alice.id, 'BTC price?');
      const q = await appendMessage(db(), alice.id, c.id, { role: 'user', text: 'BTC?', payload: null });
      expect(q?.message).toMatchObject({ conversationId: c.id, role: 'user', text: 'BTC?', payload: null });
      expect(q!.conversation.updatedAt).toBeGreaterThanOrEqual(c.updatedAt);
      const a = await appendMessage(db(), alice.id, c.id, {
        role: 'assistant',
        text: 'BTC is 1.00',
        payload: answer('BTC/USDT'),
      });
      expect(a?.message.payload).toEqual(answer('BTC/USDT'));
      expect(Number(a!.message.id)).toBeGreaterThan(Number(q!.message.id));

      // Bob with Alice's real id, and anyone with an id that does not exist or is not an id at all.
      for (const [user, id] of [
        [bob.id, c.id],
        [alice.id, randomUUID()],
        [alice.id, 'not-a-uuid'],
        [alice.id, "' or 1=1 --"],
      ] as const) {
        expect(
          await appendMessage(db(), user, id, { role: 'user', text: 'x', payload: null }),
        ).toBeUndefined();
        expect(await findConversation(db(), user, id)).toBeUndefined();
        expect(await listMessages(db(), user, id, { limit: 10 })).toBeUndefined();
        expect(await lastContext(db(), user, id)).toBeUndefined();
        expect(await deleteConversation(db(), user, id)).toBe(false);
      }
      expect((await listMessages(db(), alice.id, c.id, { limit: 10 }))!.messages).toHaveLength(2);
      expect(await lastContext(db(), alice.id, c.id)).toEqual(answer('BTC/USDT').context);
    });

    it('lists a user’s own conversations, most recently active first', async () => {
      const older = await createConversation(db(), bob.id, 'older');
      const newer = await createConversation(db(), bob.id, 'newer');
      // PGlite's clock ticks in milliseconds: make "later" later than a tie.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await appendMessage(db(), bob.id, older.id, { role: 'user', text: 'back to this', payload: null });
      const list = await listConversations(db(), bob.id, 50);
      expect(list.map((c) => c.title)).toEqual(['older', 'newer']);
      expect(list.map((c) => c.id)).not.toContain((await listConversations(db(), alice.id, 50))[0]!.id);
      expect(newer.createdAt).toBeGreaterThan(0);
    });

    it('pages a conversation newest first, each page oldest first, by id cursor', async () => {
      const c = await createConversation(db(), alice.id, 'long');
      for (let i = 0; i < 25; i++)
        await appendMessage(db(), alice.id, c.id, { role: 'user', text: `m${i}`, payload: null });
      const texts: string[][] = [];
      let before: string | undefined;
      for (;;) {
        const page = (await listMessages(db(), alice.id, c.id, { before, limit: 10 }))!;
        texts.push(page.messages.map((m) => m.text));
        if (!page.nextBefore) break;
        before = page.nextBefore;
      }
      expect(texts).toEqual([
        Array.from({ length: 10 }, (_, i) => `m${i + 15}`),
        Array.from({ length: 10 }, (_, i) => `m${i + 5}`),
        Array.from({ length: 5 }, (_, i) => `m${i}`),
      ]);
      const exact = (await listMessages(db(), alice.id, c.id, { limit: 25 }))!;
      expect(exact.messages).toHaveLength(25);
      expect(exact.nextBefore).toBeUndefined();
    });

    it('deletes a conversation with its messages, and a user with everything of theirs', async () => {
      const carol = (await createUser(db(), 'carol', 'hash-c'))!;
      const c = await createConversation(db(), carol.id, 'gone soon');
      await appendMessage(db(), carol.id, c.id, { role: 'user', text: 'hi', payload: null });
      expect(await deleteConversation(db(), carol.id, c.id)).toBe(true);
      expect(await deleteConversation(db(), carol.id, c.id)).toBe(false);
      const left = await db()
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', '=', c.id)
        .execute();
      expect(left).toEqual([]);

      const kept = await createConversation(db(), carol.id, 'kept until the account goes');
      await appendMessage(db(), carol.id, kept.id, { role: 'user', text: 'hi', payload: null });
      await db().deleteFrom('users').where('id', '=', carol.id).execute();
      expect(await db().selectFrom('conversations').where('user_id', '=', carol.id).execute()).toEqual([]);
      expect(
        await db().selectFrom('messages').select('id').where('conversation_id', '=', kept.id).execute(),
      ).toEqual([]);
    });

    it('refuses a role other than user or assistant', async () => {
      const c = await createConversation(db(), alice.id, 'roles');
      await expect(
        db()
          .insertInto('messages')
          .values({ conversation_id: c.id, role: 'system' as never, text: 'x', payload: null })
          .execute(),
      ).rejects.toThrow();
    });

    it('keeps everything across a restart', async () => {
      const c = await createConversation(db(), alice.id, 'durable');
      const a = await appendMessage(db(), alice.id, c.id, {
        role: 'assistant',
        text: 'kept',
        payload: answer('ETH/USDT'),
      });
      await handle.close();
      handle = await target.open();
      const page = (await listMessages(db(), alice.id, c.id, { limit: 10 }))!;
      expect(page.messages).toEqual([a!.message]);
      expect(await findUserByUsername(db(), 'alice')).toMatchObject({ id: alice.id });
    });
  });
}

for (const backend of DATABASE_BACKENDS) describeChatRepository(backend);
