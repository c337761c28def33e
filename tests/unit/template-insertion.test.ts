// The placeholder palette's insertion: at the caret, over a selection, and safe with a caret the browser reports out of range.
import { describe, expect, it } from 'vitest';
import { insertAt } from '../../renderer/src/features/templates/text-insertion';

describe('inserting a placeholder', () => {
  it('goes in at the caret, and the caret lands after it', () => {
    expect(insertAt('Dear ,', 5, 5, '{{customer.name}}')).toEqual({ value: 'Dear {{customer.name}},', caret: 22 });
  });

  it('replaces the selected text', () => {
    expect(insertAt('Order NUMBER today', 6, 12, '{{order.number}}')).toEqual({ value: 'Order {{order.number}} today', caret: 22 });
  });

  it('goes at the end when the field never had a caret, and clamps positions past the end', () => {
    expect(insertAt('Hi ', null, null, '{{csr.name}}')).toEqual({ value: 'Hi {{csr.name}}', caret: 15 });
    expect(insertAt('Hi', 10, 12, '!')).toEqual({ value: 'Hi!', caret: 3 });
  });
});
