// Register-vehicle dialog: VIN or chassis number, the vehicle, where it comes from, its purchase price and delivery ETA.
import type { FieldErrors } from '../../../../core/api/errors';
import { CURRENCIES, type Currency, parseMoney } from '../../../../core/domain/money';
import { MIN_VEHICLE_YEAR, type Vehicle } from '../../../../core/domain/vehicle';
import { checkVehicleId } from '../../../../core/domain/vehicle-id';
import { callApi } from '../../api/api-call';
import type { ErrorDetails } from '../../api/error-details';
import { RecordFormDialog } from '../../components/record-form-dialog';
import { SelectField, TextField } from '../../components/form-fields';
import { priceTextProblem } from '../../format/agreed-price';
import { useRecordForm } from '../../hooks/use-record-form';

/** The form's text, field by field (a type, not an interface, so it fits `Record<string, string>`). */
export type VehicleDraft = {
  vin: string;
  make: string;
  model: string;
  year: string;
  colour: string;
  originCountry: string;
  originPort: string;
  purchasePrice: string;
  currency: Currency;
  etaDelivery: string;
};

const BLANK: VehicleDraft = {
  vin: '',
  make: '',
  model: '',
  year: '',
  colour: '',
  originCountry: '',
  originPort: '',
  purchasePrice: '',
  currency: 'USD',
  etaDelivery: '',
};

/** A search that looks like a VIN or chassis number (letters and digits, maybe a dash) is a head start for the VIN field. */
export function draftFromVehicleSearch(text: string): Partial<VehicleDraft> {
  const value = text.trim();
  return /^[A-Za-z0-9-]{6,}$/.test(value) && /\d/.test(value) ? { vin: value.toUpperCase() } : {};
}

/** A VIN already registered (409) is a problem with the VIN field: its message names the vehicle that has it. */
function vinFieldsOf(error: ErrorDetails): FieldErrors {
  return error.code === 'CONFLICT' && error.fields.vin ? { ...error.fields, vin: error.message } : error.fields;
}

export function RegisterVehicleDialog({
  initial,
  onClose,
  onRegistered,
}: {
  initial?: Partial<VehicleDraft>;
  onClose: () => void;
  onRegistered: (vehicle: Vehicle) => void;
}) {
  const form = useRecordForm<VehicleDraft>(() => ({ ...BLANK, ...initial }));
  const { values, field } = form;
  const currency = values.currency;

  /** The same check the API makes, as soon as the field is left, so a typo shows before the rest is typed. */
  const checkVin = () => {
    if (values.vin.trim() === '') return;
    const check = checkVehicleId(values.vin);
    if (!check.ok) form.setFieldError('vin', check.message);
  };

  const submit = async () => {
    const problem = priceTextProblem(values.purchasePrice, currency);
    if (problem) {
      form.setFieldError('purchasePrice', problem);
      return;
    }
    const price = parseMoney(values.purchasePrice, currency);
    const vehicle = await form.submit(
      () =>
        callApi('vehicles.create', {
          vin: values.vin,
          make: values.make,
          model: values.model,
          // Blank is "missing" (the API asks for a year), not the number 0; anything but digits is
          // sent as not-a-number so the API explains the Year field (JSON has no NaN: it arrives as null).
          year: yearOf(values.year) as number,
          colour: values.colour,
          originCountry: values.originCountry,
          originPort: values.originPort,
          // A currency without a price means nothing: it is sent only beside one.
          ...(price === null ? {} : { purchasePrice: price, currency }),
          etaDelivery: values.etaDelivery,
        }),
      vinFieldsOf,
    );
    if (vehicle) onRegistered(vehicle);
  };

  return (
    <RecordFormDialog
      form={form}
      title="Register vehicle"
      description="The vehicle starts at the Pending stage and is available for any order."
      submitLabel="Register vehicle"
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <TextField
        label="VIN or chassis number"
        required
        data-autofocus
        className="sm:col-span-2"
        spellCheck={false}
        autoCapitalize="characters"
        inputClassName="font-mono uppercase placeholder:font-sans placeholder:normal-case"
        {...field('vin')}
        onBlur={checkVin}
        placeholder="e.g. JTDKB20U793512345 or ZVW30-1234567"
        hint="A 17-character VIN (no I, O or Q), or a Japanese chassis number: model code, dash, serial."
      />
      <TextField label="Make" required {...field('make')} placeholder="e.g. Toyota" />
      <TextField label="Model" required {...field('model')} placeholder="e.g. Prius" />
      <TextField label="Year" required inputMode="numeric" {...field('year')} placeholder={`${MIN_VEHICLE_YEAR} or later`} />
      <TextField label="Colour" {...field('colour')} placeholder="e.g. Pearl white" />
      <TextField label="Origin country" {...field('originCountry')} placeholder="e.g. Japan" />
      <TextField label="Origin port" {...field('originPort')} placeholder="e.g. Yokohama" />
      <div className="grid grid-cols-[minmax(0,1fr)_6.5rem] items-start gap-2">
        <TextField
          label="Purchase price"
          inputMode="decimal"
          inputClassName="tabular"
          {...field('purchasePrice')}
          placeholder={currency === 'JPY' ? '0' : '0.00'}
          hint="What was paid at purchase, if known."
        />
        <SelectField label="Currency" {...field('currency')}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField label="Delivery ETA" type="date" {...field('etaDelivery')} hint="When the customer can expect it, if known." />
    </RecordFormDialog>
  );
}

/** The typed year as the API takes it: a number, or undefined when left blank. */
function yearOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^[0-9]{1,4}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
