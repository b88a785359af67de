import { describe, expect, it } from 'vitest';
import { describeConnection } from './connection-label.ts';

describe('describeConnection', () => {
  it('names the socket state first', () => {
    expect(describeConnection('connecting', undefined, undefined).text).toBe('Connecting…');
    expect(describeConnection('reconnecting', 'stale', 'old').text).toBe('Reconnecting…');
    expect(describeConnection('offline', 'live', undefined)).toMatchObject({ text: 'Offline', tone: 'down' });
    expect(describeConnection('online', 'live', undefined)).toMatchObject({ text: 'Live', tone: 'live' });
  });

  it('shows an unhealthy upstream while online, with the detail as the tooltip', () => {
    expect(describeConnection('online', 'stale', 'No trade for 40 s')).toEqual({
      text: 'Stale',
      tone: 'warn',
      title: 'No trade for 40 s',
    });
    const reconnecting = describeConnection('online', 'reconnecting', 'attempt 3');
    expect(reconnecting).toMatchObject({ text: 'Reconnecting…', tone: 'warn' });
    expect(reconnecting.title).toContain('attempt 3');
  });
});
