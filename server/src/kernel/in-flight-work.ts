/**
 * Requests and socket events being served, counted in one place so a shutdown can stop taking new
 * ones and wait for these to finish (within a bound) before it closes anything they use. Without it
 * a SIGTERM closed the sockets under running chat questions: stored, never acknowledged.
 */
export class InFlightWork {
  private running = 0;
  private draining = false;
  private readonly whenIdle: Array<() => void> = [];

  /** False once a drain has begun: new work is refused from then on. */
  get accepting(): boolean {
    return !this.draining;
  }

  get size(): number {
    return this.running;
  }

  /** Counts one piece of work until the returned function is called (any number of times). */
  begin(): () => void {
    this.running++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running--;
      if (this.running === 0) for (const wake of this.whenIdle.splice(0)) wake();
    };
  }

  /** Counts `work` until it settles, and hands it back. */
  track<T>(work: Promise<T>): Promise<T> {
    return work.finally(this.begin());
  }

  /**
   * Refuses new work from now on and waits for what runs to finish, at most `timeoutMs`. Resolves
   * true when everything finished, false when the bound passed first.
   */
  drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const bound = setTimeout(() => resolve(false), timeoutMs);
      this.whenIdle.push(() => {
        clearTimeout(bound);
        resolve(true);
      });
    });
  }
}
