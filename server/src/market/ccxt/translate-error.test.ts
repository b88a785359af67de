import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { MarketError } from '../errors.ts';
import { retryDelay } from '../retry-policy.ts';
import { translateCcxtError } from './translate-error.ts';

const cases: Array<[string, unknown, MarketError['kind']]> = [
  ['NetworkError', new ccxt.NetworkError('socket hang up'), 'temporary'],
  ['RequestTimeout', new ccxt.RequestTimeout('timed out'), 'temporary'],
  ['BadResponse', new ccxt.BadResponse('garbage'), 'temporary'],
  ['NullResponse', new ccxt.NullResponse('empty'), 'temporary'],
  ['RateLimitExceeded', new ccxt.RateLimitExceeded('429'), 'rate-limited'],
  ['DDoSProtection', new ccxt.DDoSProtection('418'), 'rate-limited'],
  ['ExchangeNotAvailable', new ccxt.ExchangeNotAvailable('503'), 'unavailable'],
  ['OnMaintenance', new ccxt.OnMaintenance('maintenance'), 'unavailable'],
  ['ExchangeError', new ccxt.ExchangeError('something'), 'unavailable'],
  ['BadSymbol', new ccxt.BadSymbol('no such market'), 'config'],
  ['BadRequest', new ccxt.BadRequest('invalid interval'), 'config'],
  ['AuthenticationError', new ccxt.AuthenticationError('keys'), 'config'],
  ['PermissionDenied', new ccxt.PermissionDenied('region'), 'config'],
  ['NotSupported', new ccxt.NotSupported('no such method'), 'config'],
  ['TypeError', new TypeError('cannot read properties of undefined'), 'temporary'],
];

describe('translateCcxtError', () => {
  it.each(cases)('%s → %s', (_name, err, kind) => {
    const translated = translateCcxtError(err, 'binance');
    expect(translated).toBeInstanceOf(MarketError);
    expect(translated.kind).toBe(kind);
    expect(translated.message).toMatch(/^binance /);
  });

  it('retries every class but the configuration errors, which fail at once', () => {
    // How many of ten attempts each class is allowed: freqtrade's way of pinning retry behaviour.
    const attemptsAllowed = (err: unknown) => {
      let n = 0;
      while (n < 10 && retryDelay(translateCcxtError(err, 'binance'), n + 1) !== undefined) n++;
      return n;
    };
    for (const [, err, kind] of cases) expect(attemptsAllowed(err)).toBe(kind === 'config' ? 0 : 10);
  });
});
