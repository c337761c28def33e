// The three-way merge of one record: ours where only we changed, theirs where only they did, a conflict where both did differently.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRecord } from '../../core/domain/sync-merge';

const order = (fields: Record<string, unknown>) => ({
  id: 'o1',
  orderNumber: 'PS-2026-00001',
  notes: 'base notes',
  customerId: 'c1',
  targetCompletionDate: null,
  status: 'Draft',
  totalVehicles: 1,
  orderValue: 100,
  version: 3,
  updatedAt: '2026-11-30T08:00:00.000Z',
  updatedBy: 'u1',
  ...fields,
});

describe('mergeRecord', () => {
  it('keeps our change of a field they did not touch, and their change of another field', () => {
    const ours = order({ notes: 'ours', version: 4 });
    const theirs = order({ targetCompletionDate: '2027-01-31', version: 4, updatedBy: 'u2' });
    const result = mergeRecord('order', { notes: 'base notes' }, ours, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.ours).toEqual(['notes']);
    expect(result.merged).toMatchObject({ notes: 'ours', targetCompletionDate: '2027-01-31', updatedBy: 'u2', version: 4 });
  });

  it('reports one conflict when both changed the same field to different values, and keeps theirs', () => {
    const result = mergeRecord('order', { notes: 'base notes' }, order({ notes: 'mine' }), order({ notes: 'theirs' }));
    expect(result.conflicts).toEqual([{ field: 'notes', base: 'base notes', mine: 'mine', theirs: 'theirs' }]);
    expect(result.merged.notes).toBe('theirs');
    expect(result.ours).toEqual([]);
  });

  it('sees no conflict when both changed a field to the same value', () => {
    const result = mergeRecord('order', { notes: 'base notes' }, order({ notes: 'same' }), order({ notes: 'same' }));
    expect(result).toMatchObject({ conflicts: [], ours: [] });
  });

  it('never reports derived fields or version stamps: they are recomputed from the merged data', () => {
    const base = { totalVehicles: 1, orderValue: 100, progress: 0, version: 3 };
    const ours = order({ totalVehicles: 2, orderValue: 300, progress: 0.5, version: 4 });
    const theirs = order({ totalVehicles: 3, orderValue: 200, progress: 0.2, version: 4 });
    const result = mergeRecord('order', base, ours, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toMatchObject({ totalVehicles: 3, orderValue: 200 });
  });

  it('leaves an automatic status to the rules, but a manual disagreement (confirm vs cancel) to a person', () => {
    const auto = mergeRecord('order', { status: 'Confirmed' }, order({ status: 'Cancelled' }), order({ status: 'In Progress' }));
    expect(auto.conflicts).toEqual([]);
    const manual = mergeRecord('order', { status: 'Draft' }, order({ status: 'Cancelled' }), order({ status: 'Confirmed' }));
    expect(manual.conflicts.map((c) => c.field)).toEqual(['status']);
  });

  it('decides a companion field with its lead: a retraction is one conflict, and the same retraction none', () => {
    const base = { retractedAt: null, retractedBy: null, retractReason: null };
    const event = (reason: string, at: string) => ({ id: 'e1', vehicleId: 'v1', retractReason: reason, retractedAt: at, retractedBy: 'x' });
    const differ = mergeRecord('stage_event', base, event('Wrong car', 't1'), event('Wrong date', 't2'));
    expect(differ.conflicts).toEqual([{ field: 'retractReason', base: null, mine: 'Wrong car', theirs: 'Wrong date' }]);
    const same = mergeRecord('stage_event', base, event('Wrong car', 't1'), event('Wrong car', 't2'));
    expect(same).toMatchObject({ conflicts: [], ours: [] });
    expect(same.merged.retractedAt).toBe('t2');
  });

  it('holds for any edits: each field ends as the rule says, and conflicts are exactly the fields both changed differently', () => {
    const FIELDS = ['notes', 'customerId', 'targetCompletionDate', 'currency'] as const;
    const value = fc.constantFrom('a', 'b', 'c', null);
    fc.assert(
      fc.property(
        fc.record({ notes: value, customerId: value, targetCompletionDate: value, currency: value }),
        fc.dictionary(fc.constantFrom(...FIELDS), value),
        fc.dictionary(fc.constantFrom(...FIELDS), value),
        (base, ourEdits, theirEdits) => {
          const ours = { ...base, ...ourEdits };
          const theirs = { ...base, ...theirEdits };
          const baseFields = Object.fromEntries(Object.keys(ourEdits).map((f) => [f, base[f as keyof typeof base]]));
          const result = mergeRecord('order', baseFields, ours, theirs);
          const expectedConflicts: string[] = [];
          for (const field of FIELDS) {
            const b = base[field];
            const o = ours[field];
            const t = theirs[field];
            const weChanged = o !== b;
            const theyChanged = t !== b;
            if (weChanged && theyChanged && o !== t) {
              expectedConflicts.push(field);
              expect(result.merged[field]).toBe(t);
            } else if (weChanged) expect(result.merged[field]).toBe(o);
            else expect(result.merged[field]).toBe(t);
          }
          expect(result.conflicts.map((c) => c.field).sort()).toEqual(expectedConflicts.sort());
          for (const c of result.conflicts)
            expect(c).toEqual({
              field: c.field,
              base: base[c.field as keyof typeof base],
              mine: ours[c.field as keyof typeof ours],
              theirs: theirs[c.field as keyof typeof theirs],
            });
        },
      ),
      { numRuns: 500 },
    );
  });
});
