// Edit-details dialog: an open order's customer, target date, notes and (while an empty Draft) currency; final orders are frozen and never open it.
import { useState } from 'react';
import { CURRENCIES, type Currency, isCurrency } from '../../../../core/domain/money';
import type { Order } from '../../../../core/domain/order';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { type PickedCustomer, pickedCustomerOf } from '../../format/customer-contact';
import { useApiQuery } from '../../hooks/use-api-query';
import { useSaveAction } from '../../hooks/use-save-action';
import { type OrderDetailsChanges, useOrderViewStore } from '../../stores/order-view-store';
import { CustomerPicker } from '../customers/customer-picker';
import { ConflictNotice } from './conflict-notice';
import { changedMeanwhileText, editedFieldsChangedMeanwhile } from './details-changed-meanwhile';

interface DetailsDraft {
  customer: PickedCustomer | null;
  /** The CSR's own target ("YYYY-MM-DD"); blank clears it. */
  estimatedCompletionDate: string;
  notes: string;
  currency: Currency;
}

const FIELDS = ['customerId', 'estimatedCompletionDate', 'notes', 'currency'];

/**
 * Only what the CSR changed is sent, compared with the order as it is now. Untouched fields
 * follow the order (a reload after a conflict shows the other person's values and never
 * sends them back as ours).
 */
function changesOf(edits: Partial<DetailsDraft>, order: Order): OrderDetailsChanges {
  const changes: OrderDetailsChanges = {};
  if (edits.customer !== undefined && (edits.customer?.id ?? null) !== order.customerId) changes.customerId = edits.customer?.id ?? null;
  if (edits.estimatedCompletionDate !== undefined && (edits.estimatedCompletionDate || null) !== order.targetCompletionDate) {
    changes.estimatedCompletionDate = edits.estimatedCompletionDate || null;
  }
  if (edits.notes !== undefined && (edits.notes.trim() || null) !== order.notes) changes.notes = edits.notes.trim() || null;
  if (edits.currency !== undefined && edits.currency !== order.currency) changes.currency = edits.currency;
  return changes;
}

function describe(order: Order): string {
  if (order.status === 'Draft') return 'The customer, target date and notes; the currency too while the order holds no vehicles.';
  return 'The customer, target date and notes. The currency is fixed once an order is confirmed.';
}

/** The order's customer with contact details once they arrive (an order carries only the name). */
function useOrderCustomer(order: Order): PickedCustomer | null {
  const { customerId, customerName } = order;
  const detail = useApiQuery('customers.get', { id: customerId ?? '' }, customerId !== null);
  if (!customerId) return null;
  if (detail.data?.id === customerId) return pickedCustomerOf(detail.data);
  return { id: customerId, name: customerName ?? 'Customer' };
}

export function EditOrderDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const updateDetails = useOrderViewStore((s) => s.updateDetails);
  const reloadAfterConflict = useOrderViewStore((s) => s.reloadAfterConflict);
  const [edits, setEdits] = useState<Partial<DetailsDraft>>({});
  const save = useSaveAction();
  const [reloaded, setReloaded] = useState(false);
  /** The order as the CSR first saw it here: a newer one may arrive live (another user, another device) while the dialog is open. */
  const [seen, setSeen] = useState(order);
  const changedMeanwhile = order.version !== seen.version && !reloaded;

  const orderCustomer = useOrderCustomer(order);
  const hasVehicles = order.vehicles.some((v) => v.status !== 'Removed');
  const customer = edits.customer !== undefined ? edits.customer : orderCustomer;
  const date = edits.estimatedCompletionDate ?? order.targetCompletionDate ?? '';
  const notes = edits.notes ?? order.notes ?? '';
  const currency = edits.currency ?? order.currency;

  const edit = (patch: Partial<DetailsDraft>) => {
    setEdits((current) => ({ ...current, ...patch }));
    // A field's refusal goes once it is edited; the conflict stays until the order is reloaded.
    if (save.error?.code !== 'CONFLICT') save.clearError();
  };

  const submit = async () => {
    const changes = changesOf(edits, order);
    setReloaded(false);
    if (Object.keys(changes).length === 0 || (await save.run(() => updateDetails(changes)))) onClose();
  };

  const reload = async () => {
    await reloadAfterConflict();
    save.clearError();
    setReloaded(true);
    setSeen(useOrderViewStore.getState().order ?? order);
  };

  const conflict = save.error?.code === 'CONFLICT' ? save.error.message : null;
  const fields = save.error?.fields ?? {};

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      busy={save.busy}
      title={`Edit details of ${order.orderNumber}`}
      description={describe(order)}
      onSubmit={() => void submit()}
      error={conflict ? null : save.messageBeyond(FIELDS)}
      footer={<DialogActions onCancel={onClose} busy={save.busy} submitLabel="Save changes" />}
    >
      {conflict ? <ConflictNotice onReload={() => void reload()}>{conflict} Your changes are still here.</ConflictNotice> : null}
      {reloaded ? (
        <NoticeBanner tone="info" className="mb-4">
          The order was reloaded with the other changes. Yours are kept: check them and save again.
        </NoticeBanner>
      ) : null}
      {changedMeanwhile && !conflict ? (
        <NoticeBanner tone={editedFieldsChangedMeanwhile(edits, seen, order).length > 0 ? 'warning' : 'info'} className="mb-4">
          <span data-testid="changed-meanwhile">{changedMeanwhileText(edits, seen, order)}</span>
        </NoticeBanner>
      ) : null}

      <fieldset className="mb-5">
        <legend className="mb-1.5 text-body-sm font-medium text-ink">Customer</legend>
        <CustomerPicker value={customer} onChange={(next) => edit({ customer: next })} error={fields.customerId} compact autoFocus />
        {customer === null && order.status === 'Draft' ? (
          <p className="mt-1.5 text-caption text-ink-subtle">Needed before the order can be confirmed.</p>
        ) : null}
      </fieldset>

      <div className="mb-5 grid items-start gap-4 sm:grid-cols-2">
        <div className="flex items-start gap-2">
          <TextField
            label="Estimated completion"
            type="date"
            className="min-w-0 flex-1"
            value={date}
            onChange={(e) => edit({ estimatedCompletionDate: e.target.value })}
            error={fields.estimatedCompletionDate}
            hint="Your target; vehicles’ delivery ETAs refine it."
          />
          {date ? (
            <Button variant="ghost" className="mt-6.5" onClick={() => edit({ estimatedCompletionDate: '' })}>
              Clear
            </Button>
          ) : null}
        </div>
        {order.status === 'Draft' ? (
          <SelectField
            label="Order currency"
            value={currency}
            disabled={hasVehicles}
            onChange={(e) => {
              if (isCurrency(e.target.value)) edit({ currency: e.target.value });
            }}
            error={fields.currency}
            hint={
              hasVehicles
                ? `Fixed while the order holds vehicles priced in ${order.currency}.`
                : 'Agreed prices are entered in this currency.'
            }
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>

      <TextAreaField
        label="Notes for the team"
        rows={3}
        value={notes}
        onChange={(e) => edit({ notes: e.target.value })}
        error={fields.notes}
        placeholder="e.g. Customer wants all vehicles registered together."
        hint="Leave blank to remove the notes."
      />
    </Dialog>
  );
}
