// Injected time and ids, so that services and tests are deterministic.

export interface Clock {
  /** Now as an ISO 8601 UTC string with milliseconds. */
  now(): string;
}

export interface IdGenerator {
  /** A new sortable id (UUIDv7 in production). */
  next(): string;
}

/** A clock that only moves when told: for tests and for seeding history. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: string | number) {
    this.ms = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): string {
    return new Date(this.ms).toISOString();
  }
  set(at: string | number): void {
    this.ms = typeof at === 'number' ? at : Date.parse(at);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}
