// Notification rules: which audit entries notify, when facts coalesce, and what the notification says.
import { describe, expect, it } from 'vitest';
import {
  classifyAuditEntry,
  type ClassifiableEntry,
  COALESCE_WINDOW_MS,
  mergeDigest,
  type NotificationDigest,
  type NotificationFact,
  notificationText,
  type OpenNotification,
  shouldCoalesce,
  startDigest,
} from '../../core/domain/notifications';

const entry = (over: Partial<ClassifiableEntry>): ClassifiableEntry => ({
  entityType: 'vehicle',
  entityId: 'v-1',
  orderId: 'o-1',
  action: 'stage_recorded',
  changes: [{ field: 'stage', before: 'purchased', after: 'in_transit' }],
  ...over,
});

describe('classifying audit entries', () => {
  it('a recorded stage is a stage fact naming the stage reached', () => {
    expect(classifyAuditEntry(entry({}))).toEqual({ type: 'stage', vehicleId: 'v-1', vin: null, stage: 'in_transit', retracted: false });
  });

  it('a retracted stage names the stage taken back', () => {
    const fact = classifyAuditEntry(
      entry({ action: 'stage_retracted', changes: [{ field: 'stage', before: 'in_transit', after: 'purchased' }] }),
    );
    expect(fact).toMatchObject({ type: 'stage', stage: 'in_transit', retracted: true });
  });

  it('any order entry that changes the status is a status fact: confirmed, cancelled, automatic, reopened', () => {
    for (const action of ['confirmed', 'cancelled', 'status_auto', 'reopened']) {
      const fact = classifyAuditEntry(
        entry({ entityType: 'order', entityId: 'o-1', action, changes: [{ field: 'status', before: 'Confirmed', after: 'In Progress' }] }),
      );
      expect(fact, action).toEqual({ type: 'status', from: 'Confirmed', to: 'In Progress' });
    }
  });

  it('payments and refunds, by their audit action', () => {
    const paid = classifyAuditEntry(
      entry({
        entityType: 'payment',
        action: 'payment_recorded',
        changes: [
          { field: 'amount', before: null, after: 250000 },
          { field: 'currency', before: null, after: 'USD' },
        ],
      }),
    );
    expect(paid).toEqual({ type: 'payment', refund: false, amount: 250000, currency: 'USD' });
    expect(classifyAuditEntry(entry({ entityType: 'payment', action: 'refund_recorded', changes: [] }))).toMatchObject({ refund: true });
  });

  it('inbound communication only: an outgoing message or an internal note tells nobody', () => {
    const logged = (direction: string | null) =>
      classifyAuditEntry(
        entry({
          entityType: 'communication',
          action: 'communication_logged',
          changes: [
            { field: 'channel', before: null, after: 'email' },
            { field: 'direction', before: null, after: direction },
            { field: 'subject', before: null, after: 'Where is my car?' },
          ],
        }),
      );
    expect(logged('in')).toEqual({ type: 'inbound', channel: 'email', subject: 'Where is my car?' });
    expect(logged('out')).toBeNull();
    expect(logged(null)).toBeNull();
  });

  it('tells nothing about notes, added vehicles, follows, or entries about no order', () => {
    expect(
      classifyAuditEntry(entry({ entityType: 'order', action: 'updated', changes: [{ field: 'notes', before: 'a', after: 'b' }] })),
    ).toBeNull();
    expect(classifyAuditEntry(entry({ entityType: 'order_vehicle', action: 'vehicle_added' }))).toBeNull();
    expect(classifyAuditEntry(entry({ entityType: 'order_follower', action: 'followed' }))).toBeNull();
    expect(classifyAuditEntry(entry({ orderId: null }))).toBeNull();
  });
});

describe('coalescing', () => {
  const open: OpenNotification = { eventType: 'stage', orderId: 'o-1', lastEventAt: '2026-11-30T10:00:00.000Z', changeKey: 'dev@t0' };
  const at = (ms: number) => new Date(Date.parse(open.lastEventAt) + ms).toISOString();

  it('joins a fact of the same order and type within two minutes of the last one', () => {
    expect(shouldCoalesce(open, { eventType: 'stage', orderId: 'o-1', at: at(COALESCE_WINDOW_MS), changeKey: 'dev@t1' })).toBe(true);
  });

  it('starts a new notification past the window, for another order, or another type', () => {
    expect(shouldCoalesce(open, { eventType: 'stage', orderId: 'o-1', at: at(COALESCE_WINDOW_MS + 1), changeKey: 'dev@t1' })).toBe(false);
    expect(shouldCoalesce(open, { eventType: 'stage', orderId: 'o-2', at: at(1000), changeKey: 'dev@t1' })).toBe(false);
    expect(shouldCoalesce(open, { eventType: 'status', orderId: 'o-1', at: at(1000), changeKey: 'dev@t1' })).toBe(false);
    expect(shouldCoalesce(null, { eventType: 'stage', orderId: 'o-1', at: at(0), changeKey: 'dev@t0' })).toBe(false);
  });

  it('joins a fact of the same change set however late it arrives (a pulled page)', () => {
    expect(shouldCoalesce(open, { eventType: 'stage', orderId: 'o-1', at: at(3_600_000), changeKey: 'dev@t0' })).toBe(true);
  });

  it('counts every fact, keeps the actors once each', () => {
    const fact: NotificationFact = { type: 'stage', vehicleId: 'v', vin: null, stage: 'arrived', retracted: false };
    let digest: NotificationDigest = startDigest(fact, 'Ana');
    for (let i = 0; i < 60; i++) digest = mergeDigest(digest, fact, i % 2 === 0 ? 'Ana' : 'Ben');
    expect(digest.count).toBe(61);
    expect(digest.facts.length).toBeLessThanOrEqual(50);
    expect(digest.actors).toEqual(['Ana', 'Ben']);
  });
});

describe('notification text', () => {
  const stage = (vin: string, s: 'in_transit' | 'arrived', retracted = false): NotificationFact => ({
    type: 'stage',
    vehicleId: vin,
    vin,
    stage: s,
    retracted,
  });

  it('ten vehicles advancing to one stage read as one sentence', () => {
    let digest = startDigest(stage('VIN0', 'in_transit'), 'Ana');
    for (let i = 1; i < 10; i++) digest = mergeDigest(digest, stage(`VIN${i}`, 'in_transit'), 'Ana');
    expect(notificationText('stage', 'PS-2026-00042', digest)).toEqual({
      title: 'PS-2026-00042: 10 vehicles advanced to In transit',
      body: 'VIN0, VIN1, VIN2 and 7 more. By Ana.',
    });
  });

  it('one vehicle names itself; mixed stages and retractions are counted', () => {
    expect(notificationText('stage', 'PS-1', startDigest(stage('JT1', 'arrived'), null)).title).toBe('PS-1: JT1 reached Arrived');
    let digest = startDigest(stage('A', 'arrived'), 'Ana');
    digest = mergeDigest(digest, stage('B', 'in_transit'), 'Ben');
    digest = mergeDigest(digest, stage('C', 'arrived', true), 'Ben');
    expect(notificationText('stage', 'PS-1', digest)).toEqual({
      title: 'PS-1: 3 vehicle stage changes',
      body: '1 to Arrived, 1 to In transit, 1 stage retracted. By Ana and Ben.',
    });
  });

  it('status, payment, inbound and overdue tasks', () => {
    expect(notificationText('status', 'PS-1', startDigest({ type: 'status', from: 'Confirmed', to: 'In Progress' }, 'Ana'))).toEqual({
      title: 'PS-1: Now In Progress',
      body: 'Was Confirmed. By Ana.',
    });
    expect(
      notificationText('payment', 'PS-1', startDigest({ type: 'payment', refund: false, amount: 250000, currency: 'USD' }, 'Ana')),
    ).toEqual({ title: 'PS-1: Payment recorded', body: '$2,500.00. By Ana.' });
    let payments = startDigest({ type: 'payment', refund: false, amount: 1, currency: 'USD' }, 'Ana');
    payments = mergeDigest(payments, { type: 'payment', refund: true, amount: 1, currency: 'USD' }, 'Ana');
    expect(notificationText('payment', 'PS-1', payments).title).toBe('PS-1: 1 payment and 1 refund recorded');
    expect(notificationText('inbound', 'PS-1', startDigest({ type: 'inbound', channel: 'email', subject: 'ETA?' }, 'Ana')).title).toBe(
      'PS-1: New email from the customer',
    );
    const task = startDigest({ type: 'task_overdue', taskId: 't', title: 'Call the broker', dueDate: '2026-11-29' }, null);
    expect(notificationText('task_overdue', 'PS-1', task)).toEqual({
      title: 'PS-1: Task overdue: Call the broker',
      body: 'Was due 2026-11-29.',
    });
  });
});
