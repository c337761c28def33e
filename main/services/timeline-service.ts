// An order's Activity timeline: one newest-first stream merged from sources (communication, the audit trail; payments and tasks plug in as more sources).
import { notFound } from '../../core/api/errors';
import type { TimelineInput, TimelineItem, TimelinePage } from '../../core/domain/communication';
import type { PeopleNames } from '../../core/domain/people';
import { decodeCursor, encodeCursor } from '../db/cursor';
import type { TimelineAuditEntry } from '../db/repos/timeline-repo';
import type { CommunicationService } from './communication-service';
import type { ServiceDeps } from './unit-of-work';

/** What every source is asked: the order, how many items at most, and the (at, id) they must be older than. */
export interface TimelineQuery {
  orderId: string;
  limit: number;
  before: { at: string; id: string } | null;
}

/**
 * One source of timeline items: at most `query.limit` of its items strictly older than
 * `query.before` (by at, then id), newest first, each with an id unique across sources. Bounded
 * in SQL (limit + keyset), so a page costs one indexed query per source.
 */
export type TimelineSource = (query: TimelineQuery) => TimelineItem[];

/** Orders items newest first; equal times by id, descending (ids are UUIDv7: later is larger). */
export function compareTimelineItems(a: Pick<TimelineItem, 'at' | 'id'>, b: Pick<TimelineItem, 'at' | 'id'>): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Merges the sources' pages into one page of `limit`, and the cursor of the next one (null at the end). */
export function mergeTimeline(sources: readonly TimelineSource[], query: TimelineQuery): TimelinePage {
  // One more than a page from each: if anything is left over after the merge, there is a next page.
  const wider = { ...query, limit: query.limit + 1 };
  const merged = sources.flatMap((source) => source(wider)).sort(compareTimelineItems);
  const items = merged.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: merged.length > query.limit && last ? encodeCursor(last.at, last.id) : null };
}

export class TimelineService {
  private readonly sources: TimelineSource[];

  constructor(
    private readonly deps: ServiceDeps,
    communication: CommunicationService,
  ) {
    this.sources = [communicationSource(deps, communication), auditSource(deps)];
  }

  /** Adds a source (payments, tasks): one function each, merged like the others. */
  addSource(source: TimelineSource): void {
    this.sources.push(source);
  }

  timeline(input: TimelineInput): TimelinePage {
    if (!this.deps.repos.orders.get(input.id)) throw notFound(`Order ${input.id}`);
    const cursor = decodeCursor(input.cursor);
    return mergeTimeline(this.sources, {
      orderId: input.id,
      limit: input.limit,
      before: cursor ? { at: cursor.sortKey, id: cursor.id } : null,
    });
  }
}

/** The order's communication log entries. */
export function communicationSource(deps: ServiceDeps, communication: CommunicationService): TimelineSource {
  return (query) =>
    communication
      .views(
        deps.repos.communications.listForOrder(query.orderId, { limit: query.limit, ...(query.before ? { before: query.before } : {}) }),
      )
      .map((entry) => ({ kind: 'communication', id: entry.id, at: entry.createdAt, actorName: entry.authorName, entry }));
}

/** Status changes, other order field changes, vehicle lines and stage events, from the order's audit trail. */
export function auditSource(deps: ServiceDeps): TimelineSource {
  return (query) => {
    const entries = deps.repos.timeline.auditForOrder(query.orderId, query.limit, query.before);
    const names = deps.repos.people.names(entries.map((e) => e.actorId));
    const vins = new Map<string, string | null>();
    const vinOf = (vehicleId: string): string | null => {
      if (!vins.has(vehicleId)) vins.set(vehicleId, deps.repos.vehicles.get(vehicleId)?.vin ?? null);
      return vins.get(vehicleId) ?? null;
    };
    return entries.map((entry) => auditItem(entry, names, vinOf));
  };
}

function changeOf(entry: TimelineAuditEntry, field: string): { before: unknown; after: unknown } | null {
  return entry.changes.find((c) => c.field === field) ?? null;
}

const asText = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function auditItem(entry: TimelineAuditEntry, names: PeopleNames, vinOf: (id: string) => string | null): TimelineItem {
  const base = {
    id: entry.id,
    at: entry.at,
    actorName: entry.actorId ? names.nameOf(entry.actorId) : entry.actorName,
  };
  if (entry.entityType === 'vehicle' && (entry.action === 'stage_recorded' || entry.action === 'stage_retracted')) {
    const stage = changeOf(entry, 'stage');
    return {
      ...base,
      kind: 'stage',
      vehicleId: entry.entityId,
      vin: vinOf(entry.entityId),
      stage: asText(stage?.after),
      previousStage: asText(stage?.before),
      retracted: entry.action === 'stage_retracted',
      reason: entry.reason,
    };
  }
  if (entry.entityType === 'order_vehicle' || entry.entityType === 'vehicle') {
    const vehicleId = entry.entityType === 'order_vehicle' ? (entry.entityId.split('/')[1] ?? entry.entityId) : entry.entityId;
    const vin = asText(changeOf(entry, 'vin')?.after) ?? vinOf(vehicleId);
    return {
      ...base,
      kind: 'vehicle',
      action: entry.action,
      vehicleId,
      vin,
      changes: entry.changes.filter((c) => c.field !== 'vin'),
      reason: entry.reason,
    };
  }
  if (entry.entityType === 'payment') {
    const amount = changeOf(entry, 'amount')?.after;
    const currency = asText(changeOf(entry, 'currency')?.after);
    if (typeof amount === 'number' && currency) {
      return {
        ...base,
        kind: 'payment',
        paymentId: entry.entityId,
        paymentKind: asText(changeOf(entry, 'kind')?.after) ?? (entry.action === 'refund_recorded' ? 'refund' : 'instalment'),
        amount,
        currency,
        method: asText(changeOf(entry, 'method')?.after),
        reference: asText(changeOf(entry, 'reference')?.after),
      };
    }
  }
  const status = changeOf(entry, 'status');
  if (entry.entityType === 'order' && status && typeof status.after === 'string') {
    return {
      ...base,
      kind: 'status',
      from: asText(status.before),
      to: status.after,
      reason: entry.reason,
      automatic: entry.action === 'status_auto' || entry.origin === 'system',
    };
  }
  return { ...base, kind: 'order', action: entry.action, changes: entry.changes, reason: entry.reason };
}
