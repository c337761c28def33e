// What the Edit details dialog says when the order changes under it (a live update from another user or device) while a CSR edits.
import type { Order } from '../../../../core/domain/order';

/** The dialog's fields; a key is present once the CSR edited that field. */
export type DetailsEdits = Partial<Record<'customer' | 'estimatedCompletionDate' | 'notes' | 'currency', unknown>>;
type DetailsField = keyof DetailsEdits;
/** What of an order the dialog edits, and who changed it last. */
export type DetailsOfOrder = Pick<Order, 'customerId' | 'targetCompletionDate' | 'notes' | 'currency' | 'updatedByName'>;

const FIELD_NAMES: Record<DetailsField, string> = {
  customer: 'customer',
  estimatedCompletionDate: 'target date',
  notes: 'notes',
  currency: 'currency',
};

/** The fields the CSR edited in the dialog that someone else also changed since `seen` (the order as the dialog first showed it). */
export function editedFieldsChangedMeanwhile(edits: DetailsEdits, seen: DetailsOfOrder, now: DetailsOfOrder): DetailsField[] {
  const changed: Record<DetailsField, boolean> = {
    customer: seen.customerId !== now.customerId,
    estimatedCompletionDate: seen.targetCompletionDate !== now.targetCompletionDate,
    notes: seen.notes !== now.notes,
    currency: seen.currency !== now.currency,
  };
  return (Object.keys(FIELD_NAMES) as DetailsField[]).filter((field) => edits[field] !== undefined && changed[field]);
}

/**
 * The banner's text. Untouched fields follow the order, so only a field both changed needs a
 * warning: saving now would replace the other person's value with the CSR's, so their notes are quoted.
 */
export function changedMeanwhileText(edits: DetailsEdits, seen: DetailsOfOrder, now: DetailsOfOrder): string {
  const both = editedFieldsChangedMeanwhile(edits, seen, now).map((field) => FIELD_NAMES[field]);
  const who = now.updatedByName;
  if (both.length === 0) {
    return `${who} changed this order while you were editing. Fields you have not changed show the new values; yours are kept.`;
  }
  const list = both.join(' and ');
  let theirNotes = '';
  if (both.includes('notes')) theirNotes = now.notes === null ? ' They removed the notes.' : ` Their notes: “${now.notes}”`;
  return `${who} also changed the ${list} while you were editing. Saving replaces their ${list} with yours.${theirNotes}`;
}
