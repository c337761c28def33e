// Runs async work one at a time per key, so concurrent sign-ins for one account or client are counted in order.

/**
 * Without this, eight parallel guesses at one account would all pass the lockout check before
 * the first of them failed. Work holding several keys takes them in the order given; callers
 * always pass them in the same order (client, then user), so two waits never form a cycle.
 */
export class SerialByKey {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const key of keys) releases.push(await this.acquire(key));
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  /** How many keys have work queued or running (the map never outgrows the callers in flight). */
  get size(): number {
    return this.tails.size;
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      // The last one out removes the key, so idle keys (usernames tried once) cost no memory.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
