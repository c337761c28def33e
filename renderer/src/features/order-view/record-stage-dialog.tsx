// Record-stage dialog: the next stage (only later ones), when it happened (never in the future), and a note; the order's status follows by itself.
import { useState } from 'react';
import type { OrderVehicle } from '../../../../core/domain/order';
import { IMPORT_STAGES, type ImportStage, STAGE_LABELS, stageIndex } from '../../../../core/domain/stages';
import { StageChip } from '../../components/badges';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { instantToInputDay, pickedDayToInstant, todayInputValue } from '../../format/dates';
import { useSaveAction } from '../../hooks/use-save-action';
import { useOrderViewStore } from '../../stores/order-view-store';

export function RecordStageDialog({ vehicle, onClose }: { vehicle: OrderVehicle; onClose: () => void }) {
  const recordStage = useOrderViewStore((s) => s.recordStage);
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

  const submit = async () => {
    if (!stage) return;
    // A typed date can get past the picker's limit: a stage is recorded once it has happened.
    if (day > today) {
      setFutureDay(true);
      return;
    }
    if (await save.run(() => recordStage(vehicle.vehicleId, stage, pickedDayToInstant(day), note))) onClose();
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
      error={save.messageBeyond(['stage', 'at', 'note'])}
      footer={<DialogActions onCancel={onClose} busy={save.busy} submitLabel="Record stage" submitDisabled={!stage} />}
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
    </Dialog>
  );
}
