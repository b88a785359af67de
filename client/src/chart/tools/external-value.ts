/**
 * A value that changes outside React, for `useSyncExternalStore`: `start` hooks it to its source when
 * the first listener subscribes and its undo runs when the last one leaves, so making one has no side
 * effect and a chart that nobody watches carries no handlers.
 */
export interface ExternalValue<T> {
  get: () => T;
  subscribe: (listener: () => void) => () => void;
}

export function externalValue<T>(
  initial: () => T,
  start: (set: (value: T) => void) => () => void,
  same: (a: T, b: T) => boolean = Object.is,
): ExternalValue<T> {
  const listeners = new Set<() => void>();
  let value: T | undefined;
  let hasValue = false;
  let stop: (() => void) | null = null;

  const set = (next: T) => {
    if (hasValue && same(value as T, next)) return;
    value = next;
    hasValue = true;
    for (const listener of listeners) listener();
  };

  return {
    get() {
      if (!hasValue) {
        value = initial();
        hasValue = true;
      }
      return value as T;
    },
    subscribe(listener) {
      listeners.add(listener);
      stop ??= start(set);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = null;
        }
      };
    },
  };
}
