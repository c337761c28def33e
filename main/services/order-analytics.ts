// One order's analytics: stage counts, time per stage, schedule, forecast, payments and contact.
import {
  DAY_MS,
  daysBetween,
  forecastDeliveryMs,
  type OrderAnalytics,
  originKey,
  scheduleStateOf,
  type StageMedians,
  tenthDays,
  type VehicleAnalytics,
} from '../../core/domain/analytics';
import type { Order } from '../../core/domain/order';
import { IMPORT_STAGES, type ImportStage, STAGE_LABELS } from '../../core/domain/stages';
import { localDateOf } from '../../core/domain/task';
import type { AnalyticsRepo } from '../db/repos/analytics-repo';

export interface StageMedianSource {
  /** Median span per stage over every order (origin null) or one origin key's vehicles. */
  stageMedians(origin: string | null): Map<string, { tenths: number; spans: number }>;
}

function mediansFor(source: StageMedianSource, origin: string | null): StageMedians {
  const toRecord = (m: Map<string, { tenths: number; spans: number }>) =>
    Object.fromEntries([...m].filter(([stage]) => (IMPORT_STAGES as readonly string[]).includes(stage))) as StageMedians['all'];
  const key = origin === null ? '' : originKey(origin);
  return { all: toRecord(source.stageMedians(null)), byOrigin: key === '' ? {} : toRecord(source.stageMedians(key)) };
}

export function buildOrderAnalytics(input: {
  order: Order;
  now: string;
  timeZone: string;
  repo: AnalyticsRepo;
  medians: StageMedianSource;
}): OrderAnalytics {
  const { order, now, timeZone, repo } = input;
  const nowMs = Date.parse(now);
  const today = localDateOf(now, timeZone);
  const links = order.vehicles.filter((v) => v.status !== 'Removed');
  const ids = links.map((v) => v.vehicleId);
  const origins = repo.origins(ids);
  const spans = repo.spans(ids);
  const final = order.status === 'Completed' || order.status === 'Cancelled';

  let missingStage: ImportStage | null = null;
  let usedOrigin = false;
  const vehicles: VehicleAnalytics[] = links.map((link) => {
    const origin = origins.get(link.vehicleId) ?? null;
    const stages = spans
      .filter((s) => s.vehicleId === link.vehicleId)
      .map((s) => ({
        stage: s.stage as ImportStage,
        enteredAt: s.enteredAt,
        leftAt: s.leftAt,
        days: (s.tenths ?? tenthDays(s.enteredAt, now)) / 10,
      }));
    let forecastDate: string | null = null;
    if (!final && link.stage !== 'delivered') {
      const medians = mediansFor(input.medians, origin);
      const forecast = forecastDeliveryMs({ stage: link.stage, stageAt: link.stageAt, nowMs, medians });
      if (forecast === null) missingStage ??= firstMissing(link.stage, medians);
      else {
        usedOrigin ||= forecast.usedOrigin;
        forecastDate = localDateOf(new Date(forecast.ms), timeZone);
      }
    }
    return {
      vehicleId: link.vehicleId,
      vin: link.vin,
      make: link.make,
      model: link.model,
      originCountry: origin,
      stage: link.stage,
      stages,
      forecastDate,
    };
  });

  const open = vehicles.filter((v) => v.stage !== 'delivered');
  const allForecast = !final && open.length > 0 && open.every((v) => v.forecastDate !== null);
  const forecastDate = allForecast
    ? (open
        .map((v) => v.forecastDate ?? '')
        .sort()
        .at(-1) ?? null)
    : null;
  const spanCount = [...input.medians.stageMedians(null).values()].reduce((sum, m) => sum + m.spans, 0);
  const orderDay = localDateOf(order.orderDate, timeZone);
  const endDay =
    order.actualCompletionDate !== null && order.status === 'Completed' ? localDateOf(order.actualCompletionDate, timeZone) : today;
  const comm = repo.communication(order.id);
  const netPaid = order.paid - order.refunded;

  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    status: order.status,
    generatedAt: now,
    timeZone,
    stageCounts: order.stageCounts,
    progress: order.progress,
    vehicles,
    schedule: {
      orderDate: order.orderDate,
      targetDate: order.targetCompletionDate,
      completedAt: order.status === 'Completed' ? order.actualCompletionDate : null,
      elapsedDays: daysBetween(orderDay, endDay),
      daysToTarget: !final && order.targetCompletionDate !== null ? daysBetween(today, order.targetCompletionDate) : null,
      state: scheduleStateOf({ status: order.status, targetDate: order.targetCompletionDate, today, forecastDate }),
    },
    forecast: {
      date: forecastDate,
      basis: forecastBasis({ order, final, open: open.length, missingStage, spanCount, usedOrigin, timeZone }),
    },
    payments: {
      currency: order.currency,
      orderValue: order.orderValue,
      paid: order.paid,
      refunded: order.refunded,
      balanceDue: order.balanceDue,
      paymentStatus: order.paymentStatus,
      collectedShare: order.orderValue > 0 ? Math.min(1, Math.max(0, netPaid / order.orderValue)) : null,
    },
    communication: {
      count: comm.count,
      customerContacts: comm.contacts,
      lastContactAt: comm.lastContactAt,
      daysSinceContact: comm.lastContactAt === null ? null : Math.floor((nowMs - Date.parse(comm.lastContactAt)) / DAY_MS),
    },
  };
}

function firstMissing(stage: ImportStage, medians: StageMedians): ImportStage | null {
  const from = IMPORT_STAGES.indexOf(stage);
  return IMPORT_STAGES.slice(from, -1).find((s) => s !== 'pending' && medians.all[s] === undefined) ?? null;
}

function forecastBasis(input: {
  order: Order;
  final: boolean;
  open: number;
  missingStage: ImportStage | null;
  spanCount: number;
  usedOrigin: boolean;
  timeZone: string;
}): string {
  const { order } = input;
  if (order.status === 'Completed') {
    const on = order.actualCompletionDate ? ` on ${localDateOf(order.actualCompletionDate, input.timeZone)}` : '';
    return `Completed${on}: nothing left to forecast.`;
  }
  if (order.status === 'Cancelled') return 'Cancelled: nothing left to forecast.';
  if (input.open === 0) return 'No vehicle on the order is still on its way.';
  if (input.missingStage !== null) {
    return `Not enough history yet: no vehicle has completed the ${STAGE_LABELS[input.missingStage]} stage, so its length is unknown.`;
  }
  const origin = input.usedOrigin ? ', using the medians of a vehicle’s own origin where at least 20 spans of it are known' : '';
  return `The median time of each remaining stage over ${input.spanCount.toLocaleString('en-GB')} completed stage spans${origin}, from when each vehicle reached its current stage; the last vehicle to arrive sets the date.`;
}
