// Specification of the stage-event rules (chronology, real dates, retraction) and of the one definition of an open order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import { parseInstant } from '../../core/domain/fields';
import { ORDER_STATUSES } from '../../core/domain/order';
import {
  assertCanRetractStage,
  assertHasCustomerOrVehicle,
  assertStageEvent,
  CLOCK_SKEW_MS,
  isOpenStatus,
  OPEN_STATUSES,
  type StageRuleVehicle,
} from '../../core/domain/order-rules';
import { openOrderSql } from '../../main/db/repos/open-orders-sql';

const NOW = '2026-06-15T12:00:00.000Z';
const vehicle = (overrides: Partial<StageRuleVehicle> = {}): StageRuleVehicle => ({
  vin: 'JTDKB20U093123456',
  year: 2019,
  stage: 'purchased',
  latest: { stage: 'purchased', at: '2026-03-04T08:00:00.000Z' },
  ...overrides,
});

function refusal(run: () => void): PortsideError {
  try {
    run();
  } catch (error) {
    if (error instanceof PortsideError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('stage events', () => {
  it('accept a date between the latest stage and now (plus the clock skew)', () => {
    expect(() => assertStageEvent(vehicle(), 'in_transit', '2026-03-04T08:00:00.000Z', NOW)).not.toThrow();
    const skewed = new Date(Date.parse(NOW) + CLOCK_SKEW_MS).toISOString();
    expect(() => assertStageEvent(vehicle(), 'in_transit', skewed, NOW)).not.toThrow();
  });

  it('refuse a date in the future beyond the skew, before the latest stage, or before the model year could be sold', () => {
    const later = new Date(Date.parse(NOW) + CLOCK_SKEW_MS + 1000).toISOString();
    expect(refusal(() => assertStageEvent(vehicle(), 'in_transit', later, NOW)).message).toContain('is in the future');
    expect(refusal(() => assertStageEvent(vehicle(), 'in_transit', '2026-03-03T08:00:00.000Z', NOW)).message).toBe(
      'Vehicle JTDKB20U093123456 reached Purchased on 2026-03-04: a In transit date must be on or after that, not 2026-03-03.',
    );
    const young = vehicle({ year: 2027, stage: 'pending', latest: null });
    expect(() => assertStageEvent(young, 'purchased', '2026-01-01T00:00:00.000Z', NOW)).not.toThrow();
    expect(refusal(() => assertStageEvent(young, 'purchased', '2025-12-31T23:59:59.000Z', NOW)).code).toBe('RULE_VIOLATION');
  });

  it('pin every date refusal on the "at" field', () => {
    expect(refusal(() => assertStageEvent(vehicle(), 'arrived', '2020-01-01T00:00:00.000Z', NOW)).fields).toHaveProperty('at');
  });

  it('read only real instants with a zone', () => {
    expect(parseInstant('2026-03-01T09:30:00+13:00')).toBe('2026-02-28T20:30:00.000Z');
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    for (const text of ['2026-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2026-03-01T23:60:00Z', '2026-03-01T10:00:00', '2026-03-01'])
      expect(parseInstant(text)).toBeNull();
  });
});

describe('retracting a stage event', () => {
  it('only the latest one, and one that reopens a completed order only by someone who may reopen orders', () => {
    expect(() => assertCanRetractStage('V', 'e2', 'e2', null, false)).not.toThrow();
    expect(refusal(() => assertCanRetractStage('V', 'e1', 'e2', null, true)).code).toBe('RULE_VIOLATION');
    expect(refusal(() => assertCanRetractStage('V', 'e1', null, null, true)).message).toBe(
      'Vehicle V has no recorded stage left to retract.',
    );
    expect(refusal(() => assertCanRetractStage('V', 'e2', 'e2', { orderNumber: 'PS-2026-00001' }, false)).code).toBe('FORBIDDEN');
    expect(() => assertCanRetractStage('V', 'e2', 'e2', { orderNumber: 'PS-2026-00001' }, true)).not.toThrow();
  });
});

describe('an order needs a customer or a vehicle', () => {
  it('refuses neither, accepts either', () => {
    const none = refusal(() => assertHasCustomerOrVehicle({ orderNumber: 'new', customerId: null }, 0, 'add one.'));
    expect(Object.keys(none.fields ?? {})).toEqual(['customerId', 'vehicles']);
    expect(() => assertHasCustomerOrVehicle({ orderNumber: 'new', customerId: 'c' }, 0, '')).not.toThrow();
    expect(() => assertHasCustomerOrVehicle({ orderNumber: 'new', customerId: null }, 1, '')).not.toThrow();
  });
});

describe('one definition of an open order', () => {
  it('open = Draft, Confirmed, In Progress; SQL takes the same list from core, with the deleted filter', () => {
    expect(OPEN_STATUSES).toEqual(['Draft', 'Confirmed', 'In Progress']);
    for (const status of ORDER_STATUSES) expect(isOpenStatus(status)).toBe(OPEN_STATUSES.includes(status));
    expect(openOrderSql('o')).toBe("(o.status IN ('Draft', 'Confirmed', 'In Progress') AND o.deleted = 0)");
  });

  it('no repository restates the statuses of an open order in its own SQL', () => {
    const dir = join(__dirname, '..', '..', 'main', 'db', 'repos');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'open-orders-sql.ts')) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/(NOT IN|IN)\s*\(\s*'(Draft|Confirmed|In Progress|Completed|Cancelled)'\s*,/);
    }
  });
});
