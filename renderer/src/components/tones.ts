// Which design tokens colour each order status, import stage and link status (full class names, so Tailwind sees them).
import type { LinkStatus, OrderStatus } from '../../../core/domain/order';
import type { ImportStage } from '../../../core/domain/stages';

export interface Tone {
  /** Soft fill + dark ink: badges and chips. */
  badge: string;
  /** Solid colour: dots, bars, segments. */
  solid: string;
}

export const STATUS_TONES: Record<OrderStatus, Tone> = {
  Draft: { badge: 'bg-status-draft-soft text-status-draft-ink ring-status-draft/25', solid: 'bg-status-draft' },
  Confirmed: { badge: 'bg-status-confirmed-soft text-status-confirmed-ink ring-status-confirmed/25', solid: 'bg-status-confirmed' },
  'In Progress': {
    badge: 'bg-status-in-progress-soft text-status-in-progress-ink ring-status-in-progress/30',
    solid: 'bg-status-in-progress',
  },
  Completed: { badge: 'bg-status-completed-soft text-status-completed-ink ring-status-completed/25', solid: 'bg-status-completed' },
  Cancelled: { badge: 'bg-status-cancelled-soft text-status-cancelled-ink ring-status-cancelled/25', solid: 'bg-status-cancelled' },
};

export const STAGE_TONES: Record<ImportStage, Tone> = {
  pending: { badge: 'bg-stage-pending-soft text-stage-pending-ink ring-stage-pending/40', solid: 'bg-stage-pending' },
  purchased: { badge: 'bg-stage-purchased-soft text-stage-purchased-ink ring-stage-purchased/30', solid: 'bg-stage-purchased' },
  export_cleared: {
    badge: 'bg-stage-export-cleared-soft text-stage-export-cleared-ink ring-stage-export-cleared/30',
    solid: 'bg-stage-export-cleared',
  },
  at_origin_port: {
    badge: 'bg-stage-at-origin-port-soft text-stage-at-origin-port-ink ring-stage-at-origin-port/30',
    solid: 'bg-stage-at-origin-port',
  },
  in_transit: { badge: 'bg-stage-in-transit-soft text-stage-in-transit-ink ring-stage-in-transit/30', solid: 'bg-stage-in-transit' },
  arrived: { badge: 'bg-stage-arrived-soft text-stage-arrived-ink ring-stage-arrived/30', solid: 'bg-stage-arrived' },
  customs_cleared: {
    badge: 'bg-stage-customs-cleared-soft text-stage-customs-cleared-ink ring-stage-customs-cleared/30',
    solid: 'bg-stage-customs-cleared',
  },
  compliance_passed: {
    badge: 'bg-stage-compliance-passed-soft text-stage-compliance-passed-ink ring-stage-compliance-passed/30',
    solid: 'bg-stage-compliance-passed',
  },
  registered: { badge: 'bg-stage-registered-soft text-stage-registered-ink ring-stage-registered/30', solid: 'bg-stage-registered' },
  delivered: { badge: 'bg-stage-delivered-soft text-stage-delivered-ink ring-stage-delivered/30', solid: 'bg-stage-delivered' },
};

export const LINK_TONES: Record<LinkStatus, string> = {
  Added: 'bg-status-draft-soft text-status-draft-ink',
  Active: 'bg-success-soft text-success-ink',
  Removed: 'bg-line text-ink-subtle',
};
