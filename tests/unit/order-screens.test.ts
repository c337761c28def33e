// Specification of the order screens' own logic: what a stage retraction takes back, where it is offered, and what the forms refuse before asking the API.
import { describe, expect, it } from 'vitest';
import type { ImportStage } from '../../core/domain/stages';
import type { StageEventView } from '../../core/domain/vehicle';
import {
  changedMeanwhileText,
  type DetailsOfOrder,
  editedFieldsChangedMeanwhile,
} from '../../renderer/src/features/order-view/details-changed-meanwhile';
import { canOfferRetraction, reopensOrder, retractionPlan } from '../../renderer/src/features/order-view/stage-retraction';
import { priceTextProblem, requiredPriceProblem } from '../../renderer/src/format/agreed-price';
import { linePriceKey, localProblems, withoutEmptyOrderErrors } from '../../renderer/src/stores/new-order-checks';

const REGISTERED = '2026-01-05T09:00:00.000Z';

function event(id: string, stage: ImportStage, at: string, retracted = false): StageEventView {
  return {
    id,
    vehicleId: 'v1',
    stage,
    at,
    note: null,
    recordedBy: 'user-casey',
    recordedByName: 'Casey Morgan',
    recordedAt: at,
    retractedAt: retracted ? '2026-03-05T10:00:00.000Z' : null,
    retractedBy: retracted ? 'user-casey' : null,
    retractedByName: retracted ? 'Casey Morgan' : null,
    retractReason: retracted ? 'Wrong vehicle.' : null,
  };
}

describe('retracting a stage', () => {
  it('takes back the latest event that still counts and returns to the one before it', () => {
    const history = [
      event('e1', 'purchased', '2026-03-01T12:00:00.000Z'),
      event('e2', 'export_cleared', '2026-03-02T12:00:00.000Z'),
      event('e3', 'in_transit', '2026-03-04T12:00:00.000Z'),
    ];
    expect(retractionPlan({ stageHistory: history, createdAt: REGISTERED })).toEqual({
      event: history[2],
      backTo: { stage: 'export_cleared', at: '2026-03-02T12:00:00.000Z' },
    });
  });

  it('skips events already retracted, on both sides', () => {
    const history = [
      event('e1', 'purchased', '2026-03-01T12:00:00.000Z'),
      event('e2', 'export_cleared', '2026-03-02T12:00:00.000Z', true),
      event('e3', 'at_origin_port', '2026-03-03T12:00:00.000Z'),
      event('e4', 'in_transit', '2026-03-04T12:00:00.000Z', true),
    ];
    const plan = retractionPlan({ stageHistory: history, createdAt: REGISTERED });
    expect(plan?.event.id).toBe('e3');
    expect(plan?.backTo).toEqual({ stage: 'purchased', at: '2026-03-01T12:00:00.000Z' });
  });

  it('goes back to Pending, since the vehicle was registered, when only one event counts', () => {
    const plan = retractionPlan({ stageHistory: [event('e1', 'purchased', '2026-03-01T12:00:00.000Z')], createdAt: REGISTERED });
    expect(plan?.backTo).toEqual({ stage: 'pending', at: REGISTERED });
  });

  it('has nothing to take back when every event is retracted or there are none', () => {
    expect(retractionPlan({ stageHistory: [], createdAt: REGISTERED })).toBeNull();
    expect(retractionPlan({ stageHistory: [event('e1', 'purchased', REGISTERED, true)], createdAt: REGISTERED })).toBeNull();
  });

  it('reopens the order only when it takes back the delivery of a Completed order', () => {
    const delivered = { event: event('e9', 'delivered', REGISTERED), backTo: { stage: 'registered' as const, at: REGISTERED } };
    const arrived = { event: event('e5', 'arrived', REGISTERED), backTo: { stage: 'in_transit' as const, at: REGISTERED } };
    expect(reopensOrder({ status: 'Completed' }, delivered)).toBe(true);
    expect(reopensOrder({ status: 'In Progress' }, delivered)).toBe(false);
    expect(reopensOrder({ status: 'Completed' }, arrived)).toBe(false);
  });

  it('is offered on current lines of open orders whose vehicle is past Pending', () => {
    for (const status of ['Draft', 'Confirmed', 'In Progress'] as const) {
      expect(canOfferRetraction({ status }, { status: 'Active', stage: 'in_transit' }, false)).toBe(true);
    }
    expect(canOfferRetraction({ status: 'In Progress' }, { status: 'Active', stage: 'pending' }, false)).toBe(false);
    expect(canOfferRetraction({ status: 'In Progress' }, { status: 'Removed', stage: 'in_transit' }, true)).toBe(false);
  });

  it('is offered on a Completed order only to someone who may reopen it, and never on a Cancelled one', () => {
    expect(canOfferRetraction({ status: 'Completed' }, { status: 'Active', stage: 'delivered' }, true)).toBe(true);
    expect(canOfferRetraction({ status: 'Completed' }, { status: 'Active', stage: 'delivered' }, false)).toBe(false);
    expect(canOfferRetraction({ status: 'Cancelled' }, { status: 'Active', stage: 'in_transit' }, true)).toBe(false);
  });
});

describe('typed prices', () => {
  it('refuses zero and text that is not an amount; blank is left to the API unless a price is required', () => {
    expect(priceTextProblem('0', 'USD')).toBe('Enter an amount greater than zero.');
    expect(priceTextProblem('0.00', 'USD')).toBe('Enter an amount greater than zero.');
    expect(priceTextProblem('twelve', 'USD')).toMatch(/^Enter an amount like 12500.00/);
    expect(priceTextProblem('12.5', 'JPY')).toMatch(/^Enter a whole amount/);
    expect(priceTextProblem('12,500.50', 'USD')).toBeNull();
    expect(priceTextProblem('  ', 'USD')).toBeNull();
    expect(requiredPriceProblem('', 'NZD')).toBe('Enter the agreed price in NZD.');
    expect(requiredPriceProblem('0', 'NZD')).toBe('Enter an amount greater than zero.');
    expect(requiredPriceProblem('45000', 'NZD')).toBeNull();
  });
});

describe('the new-order form before it asks the API', () => {
  const line = (id: string, priceText: string) => ({ vehicle: { id }, priceText });

  it('refuses an order with neither a customer nor a vehicle in the API’s words, on both fields', () => {
    const problems = localProblems({ customer: null, currency: 'USD', lines: [] });
    expect(problems?.formError).toBe(
      'An order needs a customer or at least one vehicle: choose a customer or add a vehicle before saving the order.',
    );
    expect(Object.keys(problems?.fieldErrors ?? {})).toEqual(['customerId', 'vehicles']);
  });

  it('accepts a customer alone, or vehicles alone', () => {
    expect(localProblems({ customer: { id: 'c1' }, currency: 'USD', lines: [] })).toBeNull();
    expect(localProblems({ customer: null, currency: 'USD', lines: [line('v1', '100')] })).toBeNull();
  });

  it('puts each bad price on its own line', () => {
    const problems = localProblems({
      customer: { id: 'c1' },
      currency: 'USD',
      lines: [line('v1', '0'), line('v2', '10'), line('v3', 'x')],
    });
    expect(Object.keys(problems?.fieldErrors ?? {})).toEqual([linePriceKey('v1'), linePriceKey('v3')]);
  });

  it('drops the empty-order messages once a customer or vehicle is chosen, and keeps other refusals', () => {
    const empty = localProblems({ customer: null, currency: 'USD', lines: [] });
    if (!empty) throw new Error('expected a refusal');
    const cleared = withoutEmptyOrderErrors({
      fieldErrors: { ...empty.fieldErrors, notes: 'Notes are too long.' },
      formError: empty.formError,
    });
    expect(cleared).toEqual({ fieldErrors: { notes: 'Notes are too long.' }, formError: null });
    const other = { fieldErrors: { customerId: 'Customer c9 was not found.' }, formError: 'Customer c9 was not found.' };
    expect(withoutEmptyOrderErrors(other)).toEqual(other);
  });
});

describe('the Edit details dialog when the order changes under it', () => {
  const seen: DetailsOfOrder = {
    customerId: 'c1',
    targetCompletionDate: null,
    notes: 'Ship together.',
    currency: 'JPY',
    updatedByName: 'Mina Patel',
  };

  it('says untouched fields follow the order when the other person changed only fields the CSR left alone', () => {
    const now = { ...seen, targetCompletionDate: '2031-03-14', updatedByName: 'Casey Morgan' };
    expect(editedFieldsChangedMeanwhile({ notes: 'Mine.' }, seen, now)).toEqual([]);
    expect(changedMeanwhileText({ notes: 'Mine.' }, seen, now)).toBe(
      'Casey Morgan changed this order while you were editing. Fields you have not changed show the new values; yours are kept.',
    );
  });

  it('warns that saving replaces their value of a field both changed, quoting their notes', () => {
    const now = { ...seen, notes: 'Deliver on Monday.', targetCompletionDate: '2031-03-14', updatedByName: 'Casey Morgan' };
    const edits = { notes: 'Collect on Tuesday.', estimatedCompletionDate: '2031-04-01' };
    expect(editedFieldsChangedMeanwhile(edits, seen, now)).toEqual(['estimatedCompletionDate', 'notes']);
    expect(changedMeanwhileText(edits, seen, now)).toBe(
      'Casey Morgan also changed the target date and notes while you were editing. Saving replaces their target date and notes with yours. Their notes: “Deliver on Monday.”',
    );
    expect(changedMeanwhileText({ notes: 'Mine.' }, seen, { ...now, notes: null })).toBe(
      'Casey Morgan also changed the notes while you were editing. Saving replaces their notes with yours. They removed the notes.',
    );
  });
});
