// Vehicles and their import-stage history.
import { z } from 'zod';
import {
  currency,
  cursor,
  entityId,
  isoInstant,
  optionalDate,
  optionalLongText,
  optionalText,
  positiveAmount,
  requiredLongText,
  pageLimit,
  queryBoolean,
  requiredText,
  searchQuery,
} from './fields';
import type { Currency } from './money';
import type { WithAuthorNames } from './people';
import { IMPORT_STAGES, type ImportStage } from './stages';
import { checkVehicleId } from './vehicle-id';

export const vehicleIdentifier = z.string({ error: 'VIN or chassis number is required.' }).transform((raw, ctx) => {
  const check = checkVehicleId(raw);
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: check.message });
    return z.NEVER;
  }
  return check.value;
});

export const importStage = z.enum(IMPORT_STAGES, {
  error: `Stage must be one of ${IMPORT_STAGES.join(', ')}.`,
});

export const MIN_VEHICLE_YEAR = 1900;

export const vehicleCreateInput = z
  .strictObject({
    vin: vehicleIdentifier,
    make: requiredText('Make', 60),
    model: requiredText('Model', 80),
    year: z
      .number({
        error: (issue) => (issue.input === undefined ? 'Year is required, e.g. 2019.' : 'Year must be a whole number, e.g. 2019.'),
      })
      .int({ error: 'Year must be a whole number, e.g. 2019.' })
      .min(MIN_VEHICLE_YEAR, { error: `Year must be ${MIN_VEHICLE_YEAR} or later.` })
      .max(2100, { error: 'Year is too far in the future.' }),
    colour: optionalText('Colour', 40),
    originCountry: optionalText('Origin country', 60),
    originPort: optionalText('Origin port', 80),
    purchasePrice: positiveAmount('Purchase price').optional(),
    currency: currency.optional(),
    etaDelivery: optionalDate('Delivery ETA'),
  })
  .superRefine((v, ctx) => {
    if (v.purchasePrice !== undefined && v.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'Currency is required when a purchase price is given.' });
    }
  });
export type VehicleCreateInput = z.infer<typeof vehicleCreateInput>;

export const vehicleListInput = z.strictObject({
  query: searchQuery,
  available: queryBoolean('available'),
  stage: z.preprocess((v) => (v === '' ? undefined : v), importStage.optional()),
  limit: pageLimit,
  cursor,
});
export type VehicleListInput = z.infer<typeof vehicleListInput>;

export const stageEventInput = z.strictObject({
  id: entityId('Vehicle id'),
  stage: importStage,
  at: isoInstant('Stage date').optional(),
  note: optionalLongText('Note', 1000),
  /** Delivering while the order still has a balance due: a Manager's explicit override with the reason (audited). */
  override: z
    .strictObject(
      { reason: requiredLongText('Override reason', 1000) },
      { error: 'override must be an object {reason}: why the vehicle may be delivered with a balance due.' },
    )
    .optional(),
});
export type StageEventInput = z.infer<typeof stageEventInput>;

/** Retracts the vehicle's latest stage event (a mistake): kept, marked retracted, with the reason. */
export const stageRetractInput = z.strictObject({
  id: entityId('Vehicle id'),
  eventId: entityId('Stage event id'),
  reason: requiredLongText('Reason', 1000),
});
export type StageRetractInput = z.infer<typeof stageRetractInput>;

export interface StageEvent {
  id: string;
  vehicleId: string;
  stage: ImportStage;
  at: string;
  note: string | null;
  /** The id of the user who recorded it ('system' for Portside itself). */
  recordedBy: string;
  recordedAt: string;
  /** Set when the event was retracted as a mistake: it stays in the history, no longer counts. */
  retractedAt: string | null;
  retractedBy: string | null;
  retractReason: string | null;
}

/** A stage event as the API shows it: the author ids with their display names beside them. */
export interface StageEventView extends StageEvent {
  recordedByName: string;
  retractedByName: string | null;
}

export interface Vehicle {
  id: string;
  vin: string;
  make: string;
  model: string;
  year: number;
  colour: string | null;
  originCountry: string | null;
  originPort: string | null;
  purchasePrice: number | null;
  currency: Currency | null;
  stage: ImportStage;
  stageAt: string | null;
  etaDelivery: string | null;
  onHold: boolean;
  holdReason: string | null;
  version: number;
  createdAt: string;
  /** User ids ('system' for Portside itself); the API adds their names (VehicleView). */
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** The open order (not Completed/Cancelled) holding this vehicle, if any. */
  openOrder: { orderId: string; orderNumber: string } | null;
}

/** A vehicle as the API shows it: its author ids with their display names beside them. */
export type VehicleView = WithAuthorNames<Vehicle>;

export interface VehicleDetail extends VehicleView {
  stageHistory: StageEventView[];
}
