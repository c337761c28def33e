// Orders and their vehicle links: schemas for input, shapes for output.
import { z } from 'zod';
import { CUSTOMER_TYPES } from './customer-profile';
import {
  clearableDate,
  clearableText,
  currency,
  cursor,
  dateOnly,
  entityId,
  optionalDate,
  optionalLongText,
  optionalText,
  pageLimit,
  positiveAmount,
  queryVersion,
  searchQuery,
  version,
} from './fields';
import type { Currency } from './money';
import { type PaymentStatus, paymentStatus } from './payment-status';
import type { AuthorNames } from './people';
import { IMPORT_STAGES, type ImportStage } from './stages';

/** Query strings send "" for a filter left empty; anything else (spaces included) is read as given. */
const emptyToUndefined = (value: unknown): unknown => (value === '' ? undefined : value);

const importStageFilter = z.enum(IMPORT_STAGES, { error: `stage must be one of ${IMPORT_STAGES.join(', ')}.` });

export const ORDER_STATUSES = ['Draft', 'Confirmed', 'In Progress', 'Completed', 'Cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const LINK_STATUSES = ['Added', 'Active', 'Removed'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const MAX_VEHICLES_PER_ORDER = 200;

const orderStatus = z.enum(ORDER_STATUSES, { error: `Status must be one of ${ORDER_STATUSES.join(', ')}.` });

const vehicleLine = z.strictObject(
  {
    vehicleId: entityId('Vehicle'),
    price: positiveAmount('Price').optional(),
  },
  { error: 'Each vehicle line must be an object {vehicleId, price}.' },
);

export const orderCreateInput = z.strictObject({
  customerId: z.preprocess((v) => (v === '' || v === null ? undefined : v), entityId('Customer').optional()),
  currency,
  vehicles: z
    .array(vehicleLine, { error: 'vehicles must be a list of {vehicleId, price}.' })
    .max(MAX_VEHICLES_PER_ORDER, { error: `An order can hold at most ${MAX_VEHICLES_PER_ORDER} vehicles.` })
    .default([])
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((line, i) => {
        if (seen.has(line.vehicleId)) {
          ctx.addIssue({ code: 'custom', path: [i, 'vehicleId'], message: 'This vehicle is listed twice in the order.' });
        }
        seen.add(line.vehicleId);
      });
    }),
  notes: optionalLongText('Notes', 4000),
  estimatedCompletionDate: optionalDate('Estimated completion date'),
});
export type OrderCreateInput = z.infer<typeof orderCreateInput>;

export const orderUpdateInput = z.strictObject({
  id: entityId('Order id'),
  version,
  status: orderStatus.optional(),
  notes: clearableText('Notes', 4000, { multiline: true }),
  customerId: z.union([z.null(), z.preprocess((v) => (v === '' ? undefined : v), entityId('Customer').optional())]),
  currency: currency.optional(),
  estimatedCompletionDate: clearableDate('Estimated completion date'),
  reason: optionalLongText('Reason', 1000),
});
export type OrderUpdateInput = z.infer<typeof orderUpdateInput>;

export const orderAddVehicleInput = z.strictObject({
  id: entityId('Order id'),
  /** The order's version the caller last saw; a stale one is refused with 409 like PUT /orders/:id. */
  version,
  vehicleId: entityId('Vehicle'),
  price: positiveAmount('Price').optional(),
});
export type OrderAddVehicleInput = z.infer<typeof orderAddVehicleInput>;

export const orderRemoveVehicleInput = z.strictObject({
  id: entityId('Order id'),
  /** From the query string (DELETE has no body); a stale one is refused with 409. */
  version: queryVersion,
  vehicleId: entityId('Vehicle'),
  reason: optionalLongText('Reason', 1000),
});
export type OrderRemoveVehicleInput = z.infer<typeof orderRemoveVehicleInput>;

/** Changes the agreed price of a vehicle already on the order (until the order is final). */
export const orderUpdateVehicleInput = z.strictObject({
  id: entityId('Order id'),
  version,
  vehicleId: entityId('Vehicle'),
  price: positiveAmount('Price'),
});
export type OrderUpdateVehicleInput = z.infer<typeof orderUpdateVehicleInput>;

export const orderListInput = z.strictObject({
  status: z.preprocess((v) => (v === '' ? undefined : v), orderStatus.optional()),
  customerId: z.preprocess((v) => (v === '' ? undefined : v), entityId('Customer').optional()),
  paymentStatus: z.preprocess((v) => (v === '' ? undefined : v), paymentStatus.optional()),
  // The dashboard's filters, so a click on a chart opens the matching orders (see core/domain/analytics.ts).
  assigneeId: z.preprocess(emptyToUndefined, entityId('assigneeId').optional()),
  currency: z.preprocess(emptyToUndefined, currency.optional()),
  customerType: z.preprocess(
    emptyToUndefined,
    z.enum(CUSTOMER_TYPES, { error: `customerType must be one of ${CUSTOMER_TYPES.join(', ')}.` }).optional(),
  ),
  segment: optionalText('segment', 40),
  origin: optionalText('origin', 60),
  /** Orders with a non-removed vehicle at this stage. */
  stage: z.preprocess(emptyToUndefined, importStageFilter.optional()),
  /** Office-local order days, inclusive. */
  from: z.preprocess(emptyToUndefined, dateOnly('from').optional()),
  to: z.preprocess(emptyToUndefined, dateOnly('to').optional()),
  query: searchQuery,
  limit: pageLimit,
  cursor,
});
export type OrderListInput = z.infer<typeof orderListInput>;

export const byIdInput = z.strictObject({ id: entityId('id') });
export type ByIdInput = z.infer<typeof byIdInput>;

export interface OrderSummary {
  id: string;
  orderNumber: string;
  customerId: string | null;
  customerName: string | null;
  status: OrderStatus;
  totalVehicles: number;
  completedVehicles: number;
  orderValue: number;
  currency: Currency;
  /** 0..1: mean over active vehicles of stage index / final stage index. */
  progress: number;
  orderDate: string;
  estimatedCompletionDate: string | null;
  actualCompletionDate: string | null;
  /** Who is responsible for the order (its creator until a Manager reassigns it), and their name. */
  assigneeId: string;
  assigneeName: string;
  version: number;
  updatedAt: string;
  /** Deposits, instalments and balance payments (minor units), as GET /orders/:id/payments: derived from the payments. */
  paid: number;
  /** Refunds (minor units). */
  refunded: number;
  /** Order value less (paid - refunded); negative = money to give back (see core/domain/payment.ts). */
  balanceDue: number;
  paymentStatus: PaymentStatus;
}

export interface OrderVehicle {
  vehicleId: string;
  vin: string;
  make: string;
  model: string;
  year: number;
  colour: string | null;
  status: LinkStatus;
  stage: ImportStage;
  stageAt: string | null;
  etaDelivery: string | null;
  onHold: boolean;
  holdReason: string | null;
  price: number;
  addedDate: string;
  notes: string | null;
  removedReason: string | null;
  removedDate: string | null;
}

export interface Order extends OrderSummary, AuthorNames {
  /** The seed's `vehicles: string[]`: ids of the non-removed vehicles. */
  vehicleIds: string[];
  vehicles: OrderVehicle[];
  stageCounts: Record<ImportStage, number>;
  notes: string | null;
  cancelReason: string | null;
  /** The CSR's own estimate; the effective estimate prefers vehicles' delivery ETAs. */
  targetCompletionDate: string | null;
  createdAt: string;
  /** User ids ('system' for Portside itself); createdByName / updatedByName say who they are. */
  createdBy: string;
  updatedBy: string;
  /** Whether the signed-in user follows the order (gets its notifications), and how many do. */
  following: boolean;
  followerCount: number;
}

/**
 * What a Cancelled order keeps of its vehicles as they were at cancellation: they are free to
 * join other orders and move on, the cancelled order still shows them as they were.
 */
export interface CancelSnapshot {
  /** Each current vehicle's stage. */
  stages: Record<string, ImportStage>;
  /** When it reached that stage, its delivery ETA and hold (absent on orders cancelled before they were kept). */
  vehicles?: Record<string, { stageAt: string | null; etaDelivery: string | null; onHold: boolean; holdReason: string | null }>;
  /** Orders cancelled before snapshots were kept: their vehicles' stages at the upgrade, the best record left. */
  approximate?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
