// What the Sync screen says: field names, conflict values, the edit box's start text and what it sends, the headline and progress.
import { describe, expect, it } from 'vitest';
import type { QueuedChangeSet } from '../../core/domain/sync-conflict';
import type { SyncStatus } from '../../core/domain/sync-status';
import {
  connectionLabel,
  conflictValueText,
  editedValueOf,
  editStartText,
  fieldLabel,
  operationLabel,
  progressCountText,
  progressFraction,
  queueForDisplay,
  syncHeadline,
  visibleProgress,
} from '../../renderer/src/features/sync/sync-text';

const cloud: SyncStatus = {
  mode: 'cloud',
  online: true,
  pending: 0,
  parked: 0,
  conflicts: 0,
  lastSuccessAt: null,
  lastError: null,
  progress: null,
  bootstrapped: true,
};

describe('the Sync screen text', () => {
  it('names fields and operations for a person, falling back to a readable form', () => {
    expect(fieldLabel('targetCompletionDate')).toBe('Estimated completion date');
    expect(fieldLabel('holdReason')).toBe('Hold reason');
    expect(operationLabel('orders.update')).toBe('Order edited');
    expect(operationLabel('payments.record')).toBe('payments.record');
  });

  it('shows empty values as "(empty)", prices in units and lists joined', () => {
    expect(conflictValueText('notes', null)).toBe('(empty)');
    expect(conflictValueText('notes', '')).toBe('(empty)');
    expect(conflictValueText('price', 1_250_000)).toBe('12,500.00');
    expect(conflictValueText('openOrders', ['PS-2026-00001', 'PS-2026-00002'])).toBe('PS-2026-00001, PS-2026-00002');
  });

  it('starts an edit from my value and sends a price back in minor units, blank as a cleared value', () => {
    expect(editStartText({ field: 'notes', mine: 'Deliver Tuesday.' })).toBe('Deliver Tuesday.');
    expect(editStartText({ field: 'price', mine: 1_250_000 })).toBe('12500.00');
    expect(editStartText({ field: 'notes', mine: null })).toBe('');
    expect(editedValueOf('price', '12,500.50')).toBe(1_250_050);
    expect(editedValueOf('notes', '   ')).toBeNull();
    expect(editedValueOf('notes', 'Keep this.')).toBe('Keep this.');
  });

  it('heads the screen with what sync is doing, and a progress bar only when the total is known', () => {
    expect(syncHeadline({ ...cloud, mode: 'local' })).toMatch(/locally/);
    expect(syncHeadline({ ...cloud, online: false, lastSuccessAt: '2026-11-30T08:00:00.000Z' })).toMatch(/^Offline/);
    expect(syncHeadline({ ...cloud, pending: 2 })).toBe('2 changes are on the way to the shared table.');
    expect(syncHeadline({ ...cloud, progress: { phase: 'bootstrapping', done: 5, total: null } })).toBe('First download…');
    expect(syncHeadline(cloud)).toBe('Everything is sent.');
    expect(progressFraction({ phase: 'pushing', done: 3, total: 4 })).toBe(0.75);
  });

  it('says "Offline" over a pass that only waits for its retry, and "Connecting" before the first pass ends', () => {
    const offline = {
      ...cloud,
      online: false,
      pending: 2,
      lastError: 'Offline: DynamoDB could not be reached (TimeoutError).',
      progress: { phase: 'pushing' as const, done: 0, total: 2 },
    };
    expect(syncHeadline(offline)).toBe('Offline: 2 changes wait here and are sent when Portside reaches the shared table.');
    expect(visibleProgress(offline)).toBeNull();
    expect(connectionLabel(offline)).toBe('Offline');
    const starting = { ...cloud, online: false, progress: { phase: 'pushing' as const, done: 1, total: 4 } };
    expect(syncHeadline(starting)).toBe('Sending changes…');
    expect(visibleProgress(starting)).toEqual(starting.progress);
    expect(connectionLabel({ ...starting, progress: null })).toBe('Connecting…');
    expect(syncHeadline({ ...starting, progress: null })).toBe('Connecting to the shared table…');
    expect(connectionLabel(cloud)).toBe('Online');
    expect(progressFraction({ phase: 'pulling', done: 30, total: null })).toBeNull();
    expect(progressFraction(null)).toBeNull();
  });

  it('counts a first download as received and a later pull (which re-reads its overlap window) as checked', () => {
    expect(progressCountText({ phase: 'bootstrapping', done: 4546, total: null })).toBe('4,546 records received so far');
    expect(progressCountText({ phase: 'pulling', done: 1372, total: null })).toBe('1,372 records checked so far');
    expect(progressCountText({ phase: 'pulling', done: 1, total: null })).toBe('1 record checked so far');
  });
});

describe('the Sync screen queue', () => {
  it('lists what needs a person first and keeps the newest-first order within each group', () => {
    const row = (id: string, state: QueuedChangeSet['state']): QueuedChangeSet => ({
      id,
      operation: 'orders.update',
      createdAt: '2026-11-30T08:00:00.000Z',
      actorName: null,
      items: 1,
      state,
      attempts: 0,
      lastError: null,
      nextAttemptAt: null,
    });
    const ordered = queueForDisplay([row('a', 'pending'), row('b', 'parked'), row('c', 'pending'), row('d', 'conflict')]);
    expect(ordered.map((q) => q.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});
