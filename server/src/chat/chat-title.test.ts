import { describe, expect, it } from 'vitest';
import { TITLE_MAX, titleFrom } from './chat-title.ts';

describe('a conversation title from its first question', () => {
  it('keeps a short question as one line', () => {
    expect(titleFrom('  Is BTC\n  trending   up?  ')).toBe('Is BTC trending up?');
  });

  it('cuts a long one at a word, and a long word where it must', () => {
    const long = titleFrom('How did ETH and SOL compare over the past week on the four hour chart, and why?');
    expect(long).toBe('How did ETH and SOL compare over the past week on the four…');
    expect(long.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(titleFrom('x'.repeat(100))).toBe(`${'x'.repeat(TITLE_MAX - 1)}…`);
  });
});
