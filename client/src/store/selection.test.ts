import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test-support.ts';
import { DEFAULT_SELECTION, readSelection, resolveSelection } from './selection.ts';

describe('the selection kept before workspaces', () => {
  it('is read from storage', () => {
    const storage = memoryStorage({ 'trendscope.selection': '{"symbol":"ETH/USDT","timeframe":"1h"}' });
    expect(readSelection(storage)).toEqual({ symbol: 'ETH/USDT', timeframe: '1h' });
  });

  it('falls back to the default for missing, corrupt or invalid values', () => {
    expect(readSelection(undefined)).toEqual(DEFAULT_SELECTION);
    expect(readSelection(memoryStorage({ 'trendscope.selection': '{not json' }))).toEqual(DEFAULT_SELECTION);
    const invalid = memoryStorage({ 'trendscope.selection': '{"symbol":"eth","timeframe":"3m"}' });
    expect(readSelection(invalid)).toEqual(DEFAULT_SELECTION);
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => undefined,
    };
    expect(readSelection(broken)).toEqual(DEFAULT_SELECTION);
  });
});

describe('resolveSelection', () => {
  const offered = { symbols: ['ETH/USDT', 'BTC/USDT'], timeframes: ['1m', '1h'] as const };

  it('keeps what is offered', () => {
    expect(resolveSelection({ symbol: 'ETH/USDT', timeframe: '1h' }, offered)).toEqual({
      symbol: 'ETH/USDT',
      timeframe: '1h',
    });
  });

  it('falls back to BTC/USDT 1m, then to the first offered', () => {
    expect(resolveSelection({ symbol: 'DOGE/USDT', timeframe: '4h' }, offered)).toEqual(DEFAULT_SELECTION);
    expect(
      resolveSelection(
        { symbol: 'DOGE/USDT', timeframe: '4h' },
        { symbols: ['SOL/USDT'], timeframes: ['5m'] },
      ),
    ).toEqual({
      symbol: 'SOL/USDT',
      timeframe: '5m',
    });
  });
});
