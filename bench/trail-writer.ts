// Writes the bench history's audit entries (hash-chained, as the app's AuditRepo does) and done outbox change sets.
import { v7 as uuidv7 } from 'uuid';
import type { AuditEntity, AuditEntry, AuditOrigin, FieldChange } from '../core/domain/audit';
import {
  AUDIT_CHAIN_FORMAT,
  AUDIT_CHAIN_GENESIS,
  type AuditChainLink,
  type AuditChainPosition,
  auditChainText,
} from '../core/domain/audit-chain';
import type { OutboxItem } from '../core/domain/outbox';
import { ChainSettings, sha256Hex } from '../main/db/audit-chain';
import type { Db } from '../main/db/database';

export interface Actor {
  id: string;
  name: string;
}

export interface AuditFacts {
  entityType: AuditEntity;
  entityId: string;
  orderId: string | null;
  action: string;
  changes: FieldChange[];
  reason?: string | null;
  origin?: AuditOrigin;
}

/**
 * One service call: its audit entries and outbox items, written as one done change set. The
 * entries join this device's chain in the order calls are made, which the replay keeps in time
 * order, so seq follows `at` as on a real device.
 */
export class ChangeSet {
  readonly items: OutboxItem[] = [];
  /** The call's time as the services stamp it (uow.now). */
  readonly now: string;

  constructor(
    private readonly trail: TrailWriter,
    readonly at: number,
    readonly actor: Actor,
    readonly operation: string,
  ) {
    this.now = new Date(at).toISOString();
  }

  audit(facts: AuditFacts): void {
    const chained = this.trail.append({
      id: uuidv7({ msecs: Math.floor(this.at) }),
      at: this.now,
      actorId: this.actor.id,
      actorName: this.actor.name,
      entityType: facts.entityType,
      entityId: facts.entityId,
      orderId: facts.orderId,
      action: facts.action,
      changes: facts.changes,
      reason: facts.reason ?? null,
      origin: facts.origin ?? 'local',
    });
    this.items.push({ entity: 'audit', key: { id: chained.id }, baseVersion: null, baseFields: null, data: { ...chained } });
  }

  outbox(item: OutboxItem): void {
    this.items.push(item);
  }

  commit(): void {
    this.trail.writeChangeSet(this);
  }
}

const json = JSON.stringify;

/**
 * auditChainText for the entries the bench writes (changes of plain JSON values), spelled out:
 * RFC 8785 text is the keys in UTF-16 order and each value as JSON.stringify writes it, and the
 * generic canonicalizer costs more than the rest of an entry. Null for anything else.
 */
function benchChainText(e: AuditEntry, p: AuditChainPosition): string | null {
  let changes = '';
  for (const c of e.changes) {
    if ((typeof c.before === 'object' && c.before !== null) || (typeof c.after === 'object' && c.after !== null)) return null;
    if (c.before === undefined || c.after === undefined) return null;
    changes += `${changes === '' ? '' : ','}{"after":${json(c.after)},"before":${json(c.before)},"field":${json(c.field)}}`;
  }
  return (
    `{"action":${json(e.action)},"actorId":${json(e.actorId)},"actorName":${json(e.actorName)},"at":${json(e.at)},` +
    `"changes":[${changes}],"deviceId":${json(p.deviceId)},"entityId":${json(e.entityId)},"entityType":${json(e.entityType)},` +
    `"format":${AUDIT_CHAIN_FORMAT},"id":${json(e.id)},"orderId":${json(e.orderId)},"origin":${json(e.origin)},` +
    `"prevHash":${json(p.prevHash)},"reason":${json(e.reason)},"seq":${p.seq}}`
  );
}

/** How often the spelled-out text is compared with core's (always for the first entries). */
const CHECK_FIRST = 2000;
const CHECK_EVERY = 997;

export class TrailWriter {
  private readonly insertEntry;
  private readonly insertChangeSet;
  private readonly settings: ChainSettings;
  private readonly deviceId: string;
  private head: { seq: number; hash: string };
  entries = 0;
  changeSets = 0;

  constructor(db: Db) {
    this.settings = new ChainSettings(db);
    this.deviceId = this.settings.deviceId();
    this.head = this.settings.head() ?? { seq: 0, hash: AUDIT_CHAIN_GENESIS };
    this.insertEntry = db.prepare(
      `INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin,
       device_id, seq, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    this.insertChangeSet = db.prepare(
      `INSERT INTO outbox (id, created_at, actor_id, operation, items, state, attempts) VALUES (?,?,?,?,?,'done',0)`,
    );
  }

  begin(at: number, actor: Actor, operation: string): ChangeSet {
    return new ChangeSet(this, at, actor, operation);
  }

  /** Chains and inserts one entry. The changes hold only JSON values (text, numbers, null), so they read back as written. */
  append(entry: AuditEntry): AuditEntry & AuditChainLink {
    const position = { deviceId: this.deviceId, seq: this.head.seq + 1, prevHash: this.head.hash };
    let text = benchChainText(entry, position);
    if (text === null || position.seq <= CHECK_FIRST || position.seq % CHECK_EVERY === 0) {
      const canonical = auditChainText(entry, position);
      if (text !== null && text !== canonical)
        throw new Error(`bench: chain text differs from core's for ${entry.action}:\n${text}\n${canonical}`);
      text = canonical;
    }
    const hash = sha256Hex(text);
    this.insertEntry.run(
      entry.id,
      entry.at,
      entry.actorId,
      entry.actorName,
      entry.entityType,
      entry.entityId,
      entry.orderId,
      entry.action,
      JSON.stringify(entry.changes),
      entry.reason,
      entry.origin,
      position.deviceId,
      position.seq,
      position.prevHash,
      hash,
    );
    this.head = { seq: position.seq, hash };
    this.entries++;
    return { ...entry, ...position, hash };
  }

  writeChangeSet(set: ChangeSet): void {
    if (set.items.length === 0) return;
    this.insertChangeSet.run(uuidv7({ msecs: Math.floor(set.at) }), set.now, set.actor.id, set.operation, JSON.stringify(set.items));
    this.changeSets++;
  }

  /** Moves the chain head in settings to the last entry written (call inside the last transaction). */
  saveHead(): void {
    if (this.head.seq > 0) this.settings.setHead(this.head);
  }
}
