// SQL functions the analytics statements call: office-local days and weeks, and the origin key.
import { originKey, weekStartOf } from '../../core/domain/analytics';
import { localDateOf } from '../../core/domain/task';
import type { Db } from './database';

/**
 * Registers office_day(instant), office_week(day) and origin_key(text) on this connection. They
 * are deterministic for a given time zone; a change of office time zone needs a rebuild.
 */
export function registerAnalyticsFunctions(db: Db, timeZone: string): void {
  db.function('office_day', { deterministic: true }, (instant: unknown) =>
    typeof instant === 'string' ? localDateOf(instant, timeZone) : null,
  );
  db.function('office_week', { deterministic: true }, (day: unknown) => (typeof day === 'string' ? weekStartOf(day) : null));
  db.function('origin_key', { deterministic: true }, (origin: unknown) => {
    if (typeof origin !== 'string') return null;
    const key = originKey(origin);
    return key === '' ? null : key;
  });
}
