import { describe, expect, it } from 'vitest';
import { formatPercent, formatPrice } from './numbers.ts';

describe('formatPrice', () => {
  it('uses thousands separators and exactly the symbol precision', () => {
    expect(formatPrice(43210.5, 2)).toBe('43,210.50');
    expect(formatPrice(0.123456, 4)).toBe('0.1235');
    expect(formatPrice(1234, 0)).toBe('1,234');
  });
});

describe('formatPercent', () => {
  it('shows the sign of a change, and none for zero', () => {
    expect(formatPercent(1.234)).toBe('+1.23%');
    expect(formatPercent(-0.5)).toBe('-0.50%');
    expect(formatPercent(0)).toBe('0.00%');
  });
});
