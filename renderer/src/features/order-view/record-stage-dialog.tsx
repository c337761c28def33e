// Record-stage dialog: the next stage (only later ones), when it happened (never in the future), and a note; the order's status follows by itself.
import { useState } from 'react';
import type { OrderVehicle } from '../../../../core/domain/order';
import { IMPORT_STAGES, type ImportStage, STAGE_LABELS, stageIndex } from '../../../../core/domain/stages';
import { hasPermission } from '../../../../core/auth/permissions';
import { formatMoney } from '../../../../core/domain/money';
import { StageChip } from '../../components/badges';
import { NoticeBanner } from '../../components/notice-banner';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { instantToInputDay, pickedDayToInstant, todayInputValue } from '../../format/dates';
import { useSaveAction } from '../../hooks/use-save-action';
import { useOrderViewStore } from '../../stores/order-view-store';
import { useSessionStore } from '../../stores/session-store';

export function RecordStageDialog({ vehicle, onClose }: { vehicle: OrderVehicle; onClose: () => void }) {
  const recordStage = useOrderViewStore((s) => s.recordStage);
  const order = useOrderViewStore((s) => s.order);
  const mayOverride = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'payments:override') : false));
  const [overrideReason, setOverrideReason] = useState('');
  const later = IMPORT_STAGES.filter((s) => stageIndex(s) > stageIndex(vehicle.stage));
  const [stage, setStage] = useState<ImportStage | ''>(later[0] ?? '');
  const [day, setDay] = useState(todayInputValue());
  const [note, setNote] = useState('');
  const save = useSaveAction();
  const [futureDay, setFutureDay] = useState(false);
  const error = save.error;
  const today = todayInputValue();
  // Not before the stage the vehicle is at (the API says so too, naming the stage and its date).
  const earliest = vehicle.stage === 'pending' ? undefined : instantToInputDay(vehicle.stageAt);
  // Delivering while the order still has money to come needs a Manager's override with a reason (a Draft owes nothing yet).
  const balanceDue = order && order.status !== 'Draft' && stage === 'delivered' && order.balanceDue > 0 ? order.balanceDue : 0;
  const needsOverride = balanceDue > 0 && mayOverride;

  const submit = async () => {
    if (!stage) return;
    // A typed date can get past the picker's limit: a stage is recorded once it has happened.
    if (day > today) {
      setFutureDay(true);
      return;
    }
    const override = needsOverride && overrideReason.trim() ? { reason: overrideReason.trim() } : undefined;
    if (await save.run(() => recordStage(vehicle.vehicleId, stage, pickedDayToInstant(day), note, override))) onClose();
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={save.busy}
      title="Record import stage"
      description={
        <>
          <span className="font-mono">{vehicle.vin}</span> · {vehicle.year} {vehicle.make} {vehicle.model}
        </>
      }
      onSubmit={() => void submit()}
      error={save.messageBeyond(['stage', 'at', 'note', 'override', 'override.reason'])}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={save.busy}
          submitLabel={needsOverride ? 'Deliver with override' : 'Record stage'}
          submitDisabled={!stage || (needsOverride && !overrideReason.trim())}
        />
      }
    >
      <div className="mb-5 flex items-center gap-2 text-body-sm text-ink-muted">
        Now at <StageChip stage={vehicle.stage} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="New stage"
          required
          data-autofocus
          value={stage}
          onChange={(e) => setStage(e.target.value as ImportStage)}
          error={error?.fields.stage}
          hint="Only later stages; skipping is allowed."
        >
          {later.map((s) => (
            <option key={s} value={s}>
              {STAGE_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Date reached"
          type="date"
          value={day}
          min={earliest}
          max={today}
          onChange={(e) => {
            setDay(e.target.value);
            setFutureDay(false);
            if (error?.fields.at) save.clearError();
          }}
          error={futureDay ? 'The date is in the future: record a stage once it has happened.' : error?.fields.at}
          hint="Today unless it happened earlier."
        />
      </div>
      <TextAreaField
        className="mt-4"
        label="Note (optional)"
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder="e.g. Loaded on MV Trans Future 5."
        error={error?.fields.note}
      />
      {balanceDue > 0 && order ? (
        <div className="mt-4" data-testid="delivery-balance">
          <NoticeBanner tone="warning" title={`Order ${order.orderNumber} still has ${formatMoney(balanceDue, order.currency)} to pay.`}>
            {needsOverride
              ? 'Record the payment first, or deliver anyway with the reason for the override (kept in the audit trail).'
              : 'Record the payment first: delivering with a balance due needs a Manager’s override.'}
          </NoticeBanner>
          {needsOverride ? (
            <TextAreaField
              className="mt-3"
              label="Reason for delivering with a balance due"
              required
              rows={2}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              placeholder="e.g. Finance approved, funds arrive Friday."
              error={error?.fields['override.reason'] ?? error?.fields.override}
            />
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
