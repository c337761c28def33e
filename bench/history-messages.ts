// The communication log's entries as the bench history writes them: as logged, and as the e-mail delivery loop leaves them.
import type { CommunicationEntry } from '../core/domain/communication';
import { SYSTEM_USER_ID } from '../core/domain/people';
import type { HistOrder, PlannedCommunication } from './history-log';
import type { historyStatements } from './history-replay';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The entry as `communication.log` writes it (an outgoing e-mail queued on this device) or, with
 * `sent`, as `communication.deliver` leaves an e-mail a minute later.
 */
export function communicationEntry(o: HistOrder, c: PlannedCommunication, by: string, deviceId: string, sent: boolean): CommunicationEntry {
  const at = iso(c.at);
  const entry: CommunicationEntry = {
    id: c.id,
    orderId: o.id,
    customerId: o.customerId,
    channel: c.channel,
    direction: c.direction,
    subject: c.subject,
    body: c.body,
    vehicleIds: [],
    templateKey: null,
    correctsId: null,
    toAddress: c.email?.to ?? null,
    deliveryStatus: c.email ? 'queued' : 'none',
    messageId: null,
    attempts: 0,
    lastError: null,
    nextAttemptAt: c.email ? at : null,
    sendingDeviceId: c.email ? deviceId : null,
    createdAt: at,
    createdBy: by,
    version: 1,
    updatedAt: at,
    updatedBy: by,
  };
  if (!sent || !c.email) return entry;
  return {
    ...entry,
    deliveryStatus: 'sent',
    messageId: c.email.messageId,
    attempts: 1,
    nextAttemptAt: null,
    version: 2,
    updatedAt: iso(c.at + 60_000),
    updatedBy: SYSTEM_USER_ID,
  };
}

export function insertCommunication(stmt: ReturnType<typeof historyStatements>, e: CommunicationEntry): void {
  stmt.communication.run(
    e.id,
    e.orderId,
    e.customerId,
    e.channel,
    e.direction,
    e.subject,
    e.body,
    e.toAddress,
    e.deliveryStatus,
    e.messageId,
    e.attempts,
    e.createdAt,
    e.createdBy,
    e.version,
    e.updatedAt,
    e.updatedBy,
  );
}
