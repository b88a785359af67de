import { describe, expect, it } from 'vitest';
import { externalValue } from './external-value.ts';

describe('an external value', () => {
  it('hooks to its source with the first listener and lets go with the last', () => {
    let hooked = 0;
    let push: (value: number) => void = () => {};
    const value = externalValue(
      () => 0,
      (set) => {
        hooked++;
        push = set;
        return () => hooked--;
      },
    );
    expect(value.get()).toBe(0);
    expect(hooked).toBe(0);

    const seen: number[] = [];
    const stopA = value.subscribe(() => seen.push(value.get()));
    const stopB = value.subscribe(() => {});
    expect(hooked).toBe(1);
    push(3);
    push(3);
    push(4);
    expect(seen).toEqual([3, 4]);

    stopA();
    expect(hooked).toBe(1);
    stopB();
    expect(hooked).toBe(0);
    value.subscribe(() => {});
    expect(hooked).toBe(1);
  });

  it('keeps the same snapshot while its comparison says nothing changed', () => {
    let push: (value: { n: number }) => void = () => {};
    const value = externalValue(
      () => ({ n: 0 }),
      (set) => {
        push = set;
        return () => {};
      },
      (a, b) => a.n === b.n,
    );
    value.subscribe(() => {});
    const first = value.get();
    push({ n: 0 });
    expect(value.get()).toBe(first);
    push({ n: 1 });
    expect(value.get()).toEqual({ n: 1 });
  });
});
