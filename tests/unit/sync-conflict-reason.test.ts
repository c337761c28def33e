// When resolving a sync conflict needs a reason: keeping (or entering) a Cancelled order status cancels the order.
import { describe, expect, it } from 'vitest';
import { cancelReasonOf, keepMineBlockedReason, resolutionNeedsReason } from '../../renderer/src/features/sync/sync-text';

describe('a conflict resolution that cancels an order', () => {
  const status = { entity: 'order' as const, field: 'status', mine: 'Cancelled' };

  it('asks for a reason when mine is Cancelled, or an edit enters Cancelled', () => {
    expect(resolutionNeedsReason(status, 'mine')).toBe(true);
    expect(resolutionNeedsReason({ ...status, mine: 'Confirmed' }, 'mine')).toBe(false);
    expect(resolutionNeedsReason({ ...status, mine: 'Confirmed' }, 'edit', 'Cancelled')).toBe(true);
    expect(resolutionNeedsReason(status, 'edit', 'Confirmed')).toBe(false);
  });

  it('never asks for other fields or records, whatever their value', () => {
    expect(resolutionNeedsReason({ ...status, field: 'notes' }, 'mine')).toBe(false);
    expect(resolutionNeedsReason({ ...status, entity: 'customer' }, 'mine')).toBe(false);
  });

  it('takes the reason trimmed and refuses a blank one with a sentence for a person', () => {
    expect(cancelReasonOf('  Customer withdrew.  ')).toEqual({ reason: 'Customer withdrew.' });
    expect(cancelReasonOf('   ')).toEqual({ error: expect.stringMatching(/^Enter why the order is cancelled/) });
  });
});

describe('keeping my Cancelled status, by role', () => {
  const status = { entity: 'order' as const, field: 'status', mine: 'Cancelled', theirs: 'Confirmed' };

  it('is closed to a CSR once the order is past Draft, with a one-line reason naming who can', () => {
    expect(keepMineBlockedReason(status, false)).toBe('Only a Manager can cancel a confirmed order: keep theirs, or ask a Manager.');
    expect(keepMineBlockedReason({ ...status, theirs: 'In Progress' }, false)).not.toBeNull();
  });

  it('is open to a Manager, to anyone for a Draft, and never blocks other fields', () => {
    expect(keepMineBlockedReason(status, true)).toBeNull();
    expect(keepMineBlockedReason({ ...status, theirs: 'Draft' }, false)).toBeNull();
    expect(keepMineBlockedReason({ ...status, field: 'notes' }, false)).toBeNull();
    expect(keepMineBlockedReason({ ...status, mine: 'Confirmed' }, false)).toBeNull();
  });
});
