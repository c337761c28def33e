// Specification of the audit diff: field-level before/after of what changed, nothing else.
import { describe, expect, it } from 'vitest';
import { diffFields } from '../../core/domain/audit';

interface Row {
  status: string;
  notes: string | null;
  price?: number;
  tags: string[];
}

describe('audit diff', () => {
  it('lists only the fields that changed, with their before and after', () => {
    const before: Row = { status: 'Draft', notes: null, price: 100, tags: ['a'] };
    const after: Row = { status: 'Confirmed', notes: null, price: 100, tags: ['a'] };
    expect(diffFields(before, after, ['status', 'notes', 'price', 'tags'])).toEqual([
      { field: 'status', before: 'Draft', after: 'Confirmed' },
    ]);
  });

  it('treats a created record as changed from null in every non-empty field', () => {
    const after: Row = { status: 'Draft', notes: null, price: 100, tags: [] };
    expect(diffFields(null, after, ['status', 'notes', 'price', 'tags'])).toEqual([
      { field: 'status', before: null, after: 'Draft' },
      { field: 'price', before: null, after: 100 },
      { field: 'tags', before: null, after: [] },
    ]);
  });

  it('treats missing and null alike and compares structured values by content', () => {
    const before: Row = { status: 'Draft', notes: null, tags: ['a', 'b'] };
    const after: Row = { status: 'Draft', notes: null, tags: ['a', 'b'] };
    expect(diffFields(before, { ...after, price: undefined }, ['price', 'tags'])).toEqual([]);
    expect(diffFields(before, { ...after, tags: ['b', 'a'] }, ['tags'])).toEqual([
      { field: 'tags', before: ['a', 'b'], after: ['b', 'a'] },
    ]);
  });

  it('looks only at the fields it is given', () => {
    expect(diffFields({ status: 'a', notes: 'x', tags: [] }, { status: 'b', notes: 'y', tags: [] }, ['notes'])).toEqual([
      { field: 'notes', before: 'x', after: 'y' },
    ]);
  });
});
