// Times every SQL statement a service runs (through a wrapped connection) and explains the slowest: where a slow call spends it.
import type { Db } from '../main/db/database';

export interface StatementCost {
  sql: string;
  calls: number;
  ms: number;
  /** EXPLAIN QUERY PLAN of the statement with the last arguments it ran with. */
  plan: string[];
}

type Statement = ReturnType<Db['prepare']>;
const RUNNERS = new Set(['all', 'get', 'run', 'iterate']);
const CHAINED = new Set(['pluck', 'raw', 'expand', 'safeIntegers', 'bind']);

/** A connection that behaves as `db` and records, per statement text, how often it ran and for how long. */
export class StatementProfile {
  private readonly costs = new Map<string, { calls: number; ms: number; args: unknown[] }>();
  readonly db: Db;

  constructor(private readonly target: Db) {
    this.db = new Proxy(target, {
      get: (db, prop) => {
        if (prop === 'prepare') return (sql: string) => this.wrap(db.prepare(sql), sql);
        const value: unknown = Reflect.get(db, prop, db);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(db) : value;
      },
    });
  }

  private record(sql: string, ms: number, args: unknown[]): void {
    const cost = this.costs.get(sql) ?? { calls: 0, ms: 0, args };
    cost.calls++;
    cost.ms += ms;
    cost.args = args;
    this.costs.set(sql, cost);
  }

  private wrap(statement: Statement, sql: string): Statement {
    const proxy: Statement = new Proxy(statement, {
      get: (stmt, prop) => {
        const value: unknown = Reflect.get(stmt, prop, stmt);
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (CHAINED.has(prop)) {
          return (...args: unknown[]) => {
            fn.apply(stmt, args);
            return proxy;
          };
        }
        if (!RUNNERS.has(prop)) return fn.bind(stmt);
        if (prop === 'iterate') return (...args: unknown[]) => this.timedIterator(fn.apply(stmt, args) as Iterator<unknown>, sql, args);
        return (...args: unknown[]) => {
          const started = performance.now();
          try {
            return fn.apply(stmt, args);
          } finally {
            this.record(sql, performance.now() - started, args);
          }
        };
      },
    });
    return proxy;
  }

  private *timedIterator(rows: Iterator<unknown>, sql: string, args: unknown[]): Generator<unknown> {
    let ms = 0;
    try {
      for (;;) {
        const started = performance.now();
        const next = rows.next();
        ms += performance.now() - started;
        if (next.done) return;
        yield next.value;
      }
    } finally {
      this.record(sql, ms, args);
    }
  }

  reset(): void {
    this.costs.clear();
  }

  /** The statements that took longest in all, each explained. */
  slowest(count: number): StatementCost[] {
    return [...this.costs.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, count)
      .map(([sql, cost]) => ({ sql: sql.replace(/\s+/g, ' ').trim(), calls: cost.calls, ms: cost.ms, plan: this.explain(sql, cost.args) }));
  }

  totalMs(): number {
    return [...this.costs.values()].reduce((sum, c) => sum + c.ms, 0);
  }

  private explain(sql: string, args: unknown[]): string[] {
    try {
      const rows = this.target.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
      return rows.map((r) => r.detail);
    } catch (error) {
      return [`(not explained: ${error instanceof Error ? error.message : String(error)})`];
    }
  }
}
