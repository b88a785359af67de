import { describe, expect, it } from 'vitest';
import { directionOf, formatChange, formatIndicator, formatVolume } from './legend-format.ts';

describe('legend formats', () => {
  it('write volumes short, as terminals do', () => {
    expect(formatVolume(0.05)).toBe('0.05');
    expect(formatVolume(532.184)).toBe('532.2');
    expect(formatVolume(12_345)).toBe('12.35K');
    expect(formatVolume(1_200_000)).toBe('1.2M');
    expect(formatVolume(0)).toBe('0');
  });

  it('sign a change and give its percent', () => {
    expect(formatChange(12.3, 0.0312, 2)).toBe('+12.30 (+0.03%)');
    expect(formatChange(-1234.5, -2.5, 2)).toBe('-1,234.50 (-2.50%)');
    expect(formatChange(0, 0, 3)).toBe('0.000 (0.00%)');
  });

  it('write RSI in points and the rest at the price precision', () => {
    expect(formatIndicator('rsi14', 56.314, 4)).toBe('56.31');
    expect(formatIndicator('ema20', 43210.5, 2)).toBe('43,210.50');
    expect(formatIndicator('macdHistogram', -0.00123, 5)).toBe('-0.00123');
    expect(formatIndicator('ema200', null, 2)).toBe('—');
  });

  it('give a direction by sign', () => {
    expect([directionOf(2), directionOf(-0.1), directionOf(0)]).toEqual(['up', 'down', 'flat']);
  });
});
