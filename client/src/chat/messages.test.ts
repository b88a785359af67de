import { describe, expect, it } from 'vitest';
import { mergeMessages, sortConversations, upsertConversation } from './messages.ts';
import { CONVERSATION_A, CONVERSATION_B, conversation, message } from './test-support.ts';

const A = CONVERSATION_A;

describe('mergeMessages', () => {
  it('keeps one copy of a message that arrives twice (the ack and the push)', () => {
    const ack = [message(1, A), message(2, A)];
    const push = [message(1, A), message(2, A)];
    const held = mergeMessages([], ack);
    expect(mergeMessages(held, push)).toBe(held);
    expect(held.map((m) => m.id)).toEqual(['1', '2']);
  });

  it('puts an older page before what is held, oldest first', () => {
    const held = [message(31, A), message(32, A)];
    const older = [message(29, A), message(30, A)];
    expect(mergeMessages(held, older).map((m) => m.id)).toEqual(['29', '30', '31', '32']);
  });

  it('orders ids numerically when two messages share a millisecond', () => {
    const same = (id: number) => ({ ...message(id, A), createdAt: 5 });
    expect(mergeMessages([same(10)], [same(9), same(100)]).map((m) => m.id)).toEqual(['9', '10', '100']);
  });
});

describe('conversation order', () => {
  it('lists the most recently active first, and an update moves a conversation to the top', () => {
    const older = conversation(A, 1_000);
    const newer = conversation(CONVERSATION_B, 2_000);
    expect(sortConversations([older, newer]).map((c) => c.id)).toEqual([CONVERSATION_B, A]);
    const updated = upsertConversation([newer, older], { ...older, updatedAt: 3_000 });
    expect(updated.map((c) => c.id)).toEqual([A, CONVERSATION_B]);
    expect(updated).toHaveLength(2);
  });
});
