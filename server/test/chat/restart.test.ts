import { afterAll, describe, expect, it } from 'vitest';
import type { ChatSendResult, MessagesResponse } from '../../../shared/chat.ts';
import { Browser } from '../support/accounts.ts';
import {
  DATABASE_BACKENDS,
  type DatabaseBackend,
  type DatabaseLocation,
} from '../support/database-backends.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const accounts = { sessionSecret: 'a-fixed-test-secret-that-is-long-enough-0123456789' };

/** What the server acknowledged is in the database, and the session still works, after a restart. */
function describeRestart({ name, skip, create }: DatabaseBackend) {
  describe.skipIf(skip)(`a chat acknowledged on ${name}`, () => {
    let location: DatabaseLocation | undefined;
    let app: TestApp | undefined;
    afterAll(async () => {
      await app?.close();
      await location?.drop();
    });

    it('is there after the server restarts, for the same session cookie', async () => {
      location = await create();
      app = await startTestApp({ openDatabase: location.open, accounts });
      const browser = new Browser(app.url);
      const user = await browser.register();
      const tab = await browser.socket();
      const ack = await tab.request<ChatSendResult>('chat:send', { text: 'How volatile is SOL?' });
      tab.close();
      if (!ack.ok) throw new Error(ack.error.message);
      await app.close();
      app = undefined;

      app = await startTestApp({ openDatabase: location.open, accounts });
      const after = new Browser(app.url);
      after.cookie = browser.cookie;
      expect((await after.json('GET', '/api/me')).body).toEqual({ user });
      const history = await after.json<MessagesResponse>(
        'GET',
        `/api/conversations/${ack.data.conversationId}/messages`,
      );
      expect(history.body.messages).toEqual([ack.data.question, ack.data.message]);
      const rows = await app.database.db
        .selectFrom('messages')
        .select(['role', 'text'])
        .where('conversation_id', '=', ack.data.conversationId)
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { role: 'user', text: 'How volatile is SOL?' },
        { role: 'assistant', text: ack.data.message.text },
      ]);
    }, 90_000); // two cold starts of the whole server
  });
}

for (const backend of DATABASE_BACKENDS) describeRestart(backend);
