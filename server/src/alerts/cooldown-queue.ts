/**
 * What waits until a time, earliest first (a binary heap): repeating alerts out of their books while
 * they cool down, so a level crossed again and again costs nothing for the alerts that may not fire.
 * Looking at what is due costs O(1) when nothing is, O(log n) per item that is.
 */
export class CooldownQueue<T> {
  private readonly heap: Array<{ at: number; item: T }> = [];

  get size(): number {
    return this.heap.length;
  }

  push(at: number, item: T): void {
    const heap = this.heap;
    heap.push({ at, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= at) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Takes out, earliest first, everything due at `now`, handing each to `take` with its time. */
  popDue(now: number, take: (item: T, at: number) => void): void {
    const heap = this.heap;
    while (heap.length > 0 && heap[0]!.at <= now) {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        this.siftDown();
      }
      take(top.item, top.at);
    }
  }

  private siftDown(): void {
    const heap = this.heap;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && heap[left]!.at < heap[least]!.at) least = left;
      if (right < heap.length && heap[right]!.at < heap[least]!.at) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  }
}
