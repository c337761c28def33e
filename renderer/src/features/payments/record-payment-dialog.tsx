// Record-payment dialog: kind (refund only for roles that may), amount typed in major units and converted exactly, method, reference, date.
import { useState } from 'react';
import { hasPermission } from '../../../../core/auth/permissions';
import { formatMoney, minorToInput, parseMoney } from '../../../../core/domain/money';
import {
  type OrderPayments,
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  type PaymentKind,
  type PaymentMethod,
  type PaymentRecorded,
} from '../../../../core/domain/payment';
import { callApi } from '../../api/api-call';
import { errorDetails } from '../../api/error-details';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextField } from '../../components/form-fields';
import { pickedDayToInstant, todayInputValue } from '../../format/dates';
import { useSaveAction } from '../../hooks/use-save-action';
import { useSessionStore } from '../../stores/session-store';
import { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from './payment-text';

const FIELDS = ['kind', 'amount', 'currency', 'method', 'reference', 'paidAt'] as const;

/** The kind a new payment most likely is: the deposit first, then the balance once that is all that is left. */
function suggestedKind(payments: OrderPayments): PaymentKind {
  const deposit = payments.schedule.lines.find((l) => l.part === 'deposit');
  if (payments.paid === 0 || (deposit && deposit.outstanding > 0)) return 'deposit';
  return 'balance';
}

export function RecordPaymentDialog({
  payments,
  orderDate,
  onClose,
  onRecorded,
}: {
  payments: OrderPayments;
  /** The order's date: the earliest day a payment can be dated. */
  orderDate: string;
  onClose: () => void;
  onRecorded: (recorded: PaymentRecorded) => void;
}) {
  const mayRefund = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'payments:refund') : false));
  const kinds = PAYMENT_KINDS.filter((k) => k !== 'refund' || mayRefund);
  const { currency } = payments;
  const [kind, setKind] = useState<PaymentKind>(() => suggestedKind(payments));
  const [amountText, setAmountText] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [reference, setReference] = useState('');
  const [day, setDay] = useState(todayInputValue());
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useSaveAction();
  const error = save.error;
  const today = todayInputValue();
  const refundable = payments.paid - payments.refunded;
  const payable = Math.max(0, payments.balanceDue);
  const amount = parseMoney(amountText, currency);

  const submit = async () => {
    if (amount === null || amount <= 0) {
      setLocalError(`Enter an amount in ${currency} greater than zero${currency === 'JPY' ? ' (whole yen)' : ', at most two decimals'}.`);
      return;
    }
    let recorded: PaymentRecorded | null = null;
    const ok = await save.run(async () => {
      try {
        const paidAt = pickedDayToInstant(day);
        recorded = await callApi('payments.record', {
          id: payments.orderId,
          kind,
          amount,
          currency,
          method,
          ...(reference.trim() ? { reference: reference.trim() } : {}),
          ...(paidAt ? { paidAt } : {}),
        });
        return { ok: true };
      } catch (caught) {
        return { ok: false, error: errorDetails(caught) };
      }
    });
    if (ok && recorded) onRecorded(recorded);
  };

  const fill = (minor: number) => {
    setAmountText(minorToInput(minor, currency));
    setLocalError(null);
    save.clearError();
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={save.busy}
      title={kind === 'refund' ? 'Record refund' : 'Record payment'}
      description={
        <>
          Order <span className="whitespace-nowrap">{payments.orderNumber}</span> · balance due{' '}
          <span className="tabular font-medium text-ink">{formatMoney(payments.balanceDue, currency)}</span>
        </>
      }
      onSubmit={() => void submit()}
      error={save.messageBeyond(FIELDS)}
      footer={<DialogActions onCancel={onClose} busy={save.busy} submitLabel={kind === 'refund' ? 'Record refund' : 'Record payment'} />}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Kind"
          required
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as PaymentKind);
            save.clearError();
          }}
          error={error?.fields.kind}
          hint={mayRefund ? undefined : 'Refunds are recorded by a Manager.'}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {PAYMENT_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <TextField
          label={`Amount (${currency})`}
          required
          data-autofocus
          inputMode="decimal"
          inputClassName="tabular"
          suffix={currency}
          value={amountText}
          onChange={(e) => {
            setAmountText(e.target.value);
            setLocalError(null);
            if (error?.fields.amount) save.clearError();
          }}
          error={localError ?? error?.fields.amount ?? error?.fields.currency}
          hint={`${currency === 'JPY' ? 'Whole yen' : 'In major units, e.g. 1250.50'}: converted exactly, never rounded.`}
        />
        <SelectField
          label="Method"
          required
          value={method}
          onChange={(e) => setMethod(e.target.value as PaymentMethod)}
          error={error?.fields.method}
        >
          {PAYMENT_METHODS.map((m) => (
            <option key={m} value={m}>
              {PAYMENT_METHOD_LABELS[m]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Date paid"
          type="date"
          value={day}
          min={orderDate.slice(0, 10)}
          max={today}
          onChange={(e) => {
            setDay(e.target.value);
            if (error?.fields.paidAt) save.clearError();
          }}
          error={error?.fields.paidAt}
          hint="Today unless the money moved earlier."
        />
      </div>
      <p className="mt-3 text-body-sm text-ink-muted" data-testid="payment-quick-fill">
        {kind === 'refund' ? (
          <>
            Refundable: {formatMoney(refundable, currency)}{' '}
            {refundable > 0 ? (
              <button type="button" className="font-medium text-primary hover:underline" onClick={() => fill(refundable)}>
                Refund all of it
              </button>
            ) : null}
          </>
        ) : payable > 0 ? (
          <>
            Balance due: {formatMoney(payable, currency)}{' '}
            <button type="button" className="font-medium text-primary hover:underline" onClick={() => fill(payable)}>
              Pay the full balance
            </button>
          </>
        ) : (
          'Nothing is left to pay on this order.'
        )}
      </p>
      <TextField
        className="mt-4"
        label="Reference (optional)"
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        placeholder="e.g. bank transfer TT-20261130-01, cheque no."
        error={error?.fields.reference}
      />
    </Dialog>
  );
}
