// The base tables the analytics figures come from, read whole with SELECT * (tests only: the reference works over these arrays).
import type { Db } from '../../main/db/database';

export interface OrderRow {
  id: string;
  order_number: string;
  customer_id: string | null;
  status: string;
  order_value: number;
  currency: string;
  progress: number;
  order_date: string;
  target_completion_date: string | null;
  actual_completion_date: string | null;
  cancel_snapshot: string | null;
  assignee_id: string | null;
  paid_amount: number;
  refunded_amount: number;
  balance_due: number;
  payment_status: string;
  deleted: number;
}

export interface LinkRow {
  order_id: string;
  vehicle_id: string;
  status: string;
  added_date: string;
}

export interface VehicleRow {
  id: string;
  vin: string;
  make: string;
  model: string;
  origin_country: string | null;
  stage: string;
  stage_at: string | null;
  deleted: number;
}

export interface StageEventRow {
  id: string;
  vehicle_id: string;
  stage: string;
  at: string;
  recorded_at: string;
  retracted_at: string | null;
}

export interface PaymentRow {
  id: string;
  order_id: string;
  kind: string;
  amount: number;
  currency: string;
  paid_at: string;
}

export interface CommunicationRow {
  id: string;
  order_id: string;
  channel: string;
  created_at: string;
}

export interface CustomerRow {
  id: string;
  name: string;
  type: string;
  deleted: number;
}

export interface SegmentRow {
  customer_id: string;
  segment_key: string;
  segment: string;
}

export interface PersonRow {
  id: string;
  display_name: string;
}

export interface AnalyticsRows {
  orders: OrderRow[];
  links: LinkRow[];
  vehicles: VehicleRow[];
  events: StageEventRow[];
  payments: PaymentRow[];
  communications: CommunicationRow[];
  customers: CustomerRow[];
  segments: SegmentRow[];
  /** The people directory (every user is in it), then users not in it: where names come from. */
  people: PersonRow[];
}

/** Every row of every table a figure reads, in a stable order (the reference sorts what it needs itself). */
export function loadAnalyticsRows(db: Db): AnalyticsRows {
  const all = <T>(table: string): T[] => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as T[];
  const people = db.prepare('SELECT id, display_name FROM people ORDER BY id').all() as PersonRow[];
  const known = new Set(people.map((p) => p.id));
  const users = db.prepare('SELECT id, display_name FROM users ORDER BY rowid').all() as PersonRow[];
  return {
    orders: all<OrderRow>('orders'),
    links: db.prepare('SELECT * FROM order_vehicles ORDER BY order_id, vehicle_id').all() as LinkRow[],
    vehicles: all<VehicleRow>('vehicles'),
    events: all<StageEventRow>('vehicle_stage_events'),
    payments: all<PaymentRow>('payments'),
    communications: all<CommunicationRow>('communications'),
    customers: all<CustomerRow>('customers'),
    segments: db.prepare('SELECT * FROM customer_segments ORDER BY customer_id, segment_key').all() as SegmentRow[],
    people: [...people, ...users.filter((u) => !known.has(u.id))],
  };
}
