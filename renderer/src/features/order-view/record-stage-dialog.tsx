// Record-stage dialog: the next stage (only later ones), when it happened, and a note; the order's status follows by itself.
import { useState } from 'react';
import type { OrderVehicle } from '../../../../core/domain/order';
import { IMPORT_STAGES, type ImportStage, STAGE_LABELS, stageIndex } from '../../../../core/domain/stages';
import type { ErrorDetails } from '../../api/error-details';
import { StageChip } from '../../components/badges';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { pickedDayToInstant, todayInputValue } from '../../format/dates';
import { useOrderViewStore } from '../../stores/order-view-store';

export function RecordStageDialog({ vehicle, onClose }: { vehicle: OrderVehicle; onClose: () => void }) {
  const recordStage = useOrderViewStore((s) => s.recordStage);
  const later = IMPORT_STAGES.filter((s) => stageIndex(s) > stageIndex(vehicle.stage));
  const [stage, setStage] = useState<ImportStage | ''>(later[0] ?? '');
  const [day, setDay] = useState(todayInputValue());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);

  const submit = async () => {
    if (!stage) return;
    setBusy(true);
    setError(null);
    const result = await recordStage(vehicle.vehicleId, stage, pickedDayToInstant(day), note);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  const known = new Set(['stage', 'at', 'note']);
  const otherError = error && !Object.keys(error.fields).some((f) => known.has(f)) ? error.message : null;
  return (
    <Dialog
      open
      onClose={onClose}
      busy={busy}
      title="Record import stage"
      description={
        <>
          <span className="font-mono">{vehicle.vin}</span> · {vehicle.year} {vehicle.make} {vehicle.model}
        </>
      }
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!stage}>
            Record stage
          </Button>
        </>
      }
    >
      <div className="mb-5 flex items-center gap-2 text-body-sm text-ink-muted">
        Now at <StageChip stage={vehicle.stage} />
      </div>
      {otherError ? (
        <NoticeBanner tone="error" className="mb-4">
          {otherError}
        </NoticeBanner>
      ) : null}
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
          max={todayInputValue()}
          onChange={(e) => setDay(e.target.value)}
          error={error?.fields.at}
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
    </Dialog>
  );
}
