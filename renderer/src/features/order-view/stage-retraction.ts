// Which stage event a retraction takes back, what the vehicle returns to, and on which order lines it is offered.
import type { Order, OrderVehicle } from '../../../../core/domain/order';
import { isOpenStatus } from '../../../../core/domain/order-rules';
import { type ImportStage, isDelivered } from '../../../../core/domain/stages';
import type { StageEventView, VehicleDetail } from '../../../../core/domain/vehicle';

export interface RetractionPlan {
  /** The latest event that still counts: the only one the server lets go. */
  event: StageEventView;
  /** Where the vehicle goes back to: the event before it that still counts, else Pending since it was registered. */
  backTo: { stage: ImportStage; at: string };
}

/** The history comes oldest first (as the API sends it); retracted events no longer count. */
export function retractionPlan(vehicle: Pick<VehicleDetail, 'stageHistory' | 'createdAt'>): RetractionPlan | null {
  const counting = vehicle.stageHistory.filter((e) => e.retractedAt === null);
  const event = counting.at(-1);
  if (!event) return null;
  const previous = counting.at(-2);
  return { event, backTo: previous ? { stage: previous.stage, at: previous.at } : { stage: 'pending', at: vehicle.createdAt } };
}

/** True when taking this delivery back reopens the Completed order (only a Manager may). */
export function reopensOrder(order: Pick<Order, 'status'>, plan: RetractionPlan): boolean {
  return order.status === 'Completed' && isDelivered(plan.event.stage);
}

/**
 * Offered on a current line of an open order whose vehicle has a stage to take back; on a
 * Completed order only to someone who may reopen it (a Manager), for a delivered vehicle. A
 * Cancelled order shows stages as at cancellation: its vehicles have moved on elsewhere.
 */
export function canOfferRetraction(
  order: Pick<Order, 'status'>,
  vehicle: Pick<OrderVehicle, 'status' | 'stage'>,
  mayReopen: boolean,
): boolean {
  if (vehicle.status === 'Removed' || vehicle.stage === 'pending') return false;
  if (isOpenStatus(order.status)) return true;
  return order.status === 'Completed' && mayReopen && isDelivered(vehicle.stage);
}
