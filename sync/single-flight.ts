// One run at a time per key: a call while a run is under way shares that run's result instead of starting a second.

export class SingleFlight<Key extends object, Result> {
  private readonly running = new WeakMap<Key, Promise<Result>>();

  /** Starts `work` for `key` unless a run for it is under way, whose promise is returned instead. */
  run(key: Key, work: () => Promise<Result>): Promise<Result> {
    const current = this.running.get(key);
    if (current) return current;
    const pass = work().finally(() => this.running.delete(key));
    this.running.set(key, pass);
    return pass;
  }
}
