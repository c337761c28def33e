// Communication syncs through DynamoDB Local: a call logged on device A shows on device B; delivery advances follow by version; B never sends A's e-mail.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommunicationView, TimelinePage } from '../../core/domain/communication';
import { loadConfig } from '../../main/config';
import { type EmailDelivery, startEmailDelivery } from '../../main/services/email-delivery';
import { RemoteApply } from '../../main/services/remote-apply';
import { dynamoPullClient, pullChanges } from '../../sync/pull';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { createConfirmedOrder } from '../support/fixtures';
import { type LoopbackSmtp, startLoopbackSmtp } from '../support/smtp-loopback';

let ddb: DynamoDbLocal;
let client: DynamoDBClient;
let smtp: LoopbackSmtp;
let tables = 0;
const harnesses: ApiHarness[] = [];
const loops: EmailDelivery[] = [];

beforeAll(async () => {
  [ddb, smtp] = await Promise.all([startDynamoDbLocal(), startLoopbackSmtp()]);
  client = ddb.client();
});
afterEach(async () => {
  await Promise.all(loops.splice(0).map((l) => l.stop()));
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});
afterAll(async () => {
  client.destroy();
  await Promise.all([ddb.stop(), smtp.stop()]);
});

const SMTP_ENV = { PORTSIDE_SMTP_HOST: '127.0.0.1', PORTSIDE_SMTP_FROM: 'office@example.com' };

/** Two devices (each its own SQLite folder and device id), both with SMTP, on one fresh table. */
async function twoDevices() {
  tables += 1;
  const table = `comm-${tables}`;
  const env = { ...SMTP_ENV, PORTSIDE_SMTP_PORT: String(smtp.port) };
  const [a, b] = await Promise.all([startApi({ env }), startApi({ env }), createTableIfMissing(client, table, { pollMs: 100 })]);
  harnesses.push(a, b);
  const device = (api: ApiHarness) => {
    const store = new RemoteApply(api.backend.services.deps);
    const delivery = startEmailDelivery(api.backend.services, loadConfig(env, { dataDir: api.dataDir }).smtp, { intervalMs: 3_600_000 });
    if (!delivery) throw new Error('SMTP expected');
    loops.push(delivery);
    return {
      api,
      delivery,
      push: () => pushPending({ client: dynamoPushClient(client), tableName: table, store: api.backend.services.deps.repos.outbox }),
      pull: () => pullChanges({ client: dynamoPullClient(client), tableName: table, store }),
    };
  };
  return { a: device(a), b: device(b) };
}

const listOn = async (api: ApiHarness, orderId: string) =>
  expectOk(await api.call<{ items: CommunicationView[] }>('GET', `/orders/${orderId}/communication`)).items;

describe('communication through DynamoDB Local', () => {
  it('a call logged on device A shows on device B, with its author, in the log and the Activity timeline', async () => {
    const { a, b } = await twoDevices();
    const { order } = await createConfirmedOrder(a.api, 1);
    const call = expectOk(
      await a.api.call<CommunicationView>('POST', `/orders/${order.id}/communication`, {
        channel: 'phone',
        direction: 'in',
        subject: 'ETA',
        body: 'Asked when the car lands.\nTold her Friday.',
      }),
      201,
    );
    await a.push();
    await b.pull();
    const onB = await listOn(b.api, order.id);
    expect(onB).toHaveLength(1);
    const { authorName: _a, ...content } = call;
    expect(onB[0]).toMatchObject({ ...content, correctedBy: [] });
    expect(onB[0]?.authorName).toBe('Casey Tester');
    const timeline = expectOk(await b.api.call<TimelinePage>('GET', `/orders/${order.id}/timeline`));
    expect(timeline.items[0]).toMatchObject({ kind: 'communication', id: call.id });
  });

  it('an e-mail queued on A is sent by A only; B sees it go from queued to sent by the next pull', async () => {
    const { a, b } = await twoDevices();
    const { order } = await createConfirmedOrder(a.api, 1);
    // A's loop is busy elsewhere: the entry reaches the table while still queued.
    await a.delivery.stop();
    const mail = expectOk(
      await a.api.call<CommunicationView>('POST', `/orders/${order.id}/communication`, {
        channel: 'email',
        direction: 'out',
        subject: 'Your car has shipped',
        body: 'It sails on Friday.',
      }),
      201,
    );
    expect(mail.deliveryStatus).toBe('queued');
    await a.push();
    await b.pull();
    expect((await listOn(b.api, order.id))[0]?.deliveryStatus).toBe('queued');
    // B's loop never sends an entry another device recorded.
    expect(await b.delivery.runPass()).toBe(0);
    expect(smtp.received.filter((m) => m.header('X-Portside-Entry') === mail.id)).toHaveLength(0);
    // A sends it; the advance (version 2) reaches B.
    const again = startEmailDelivery(
      a.api.backend.services,
      loadConfig({ ...SMTP_ENV, PORTSIDE_SMTP_PORT: String(smtp.port) }, { dataDir: a.api.dataDir }).smtp,
    );
    if (!again) throw new Error('SMTP expected');
    loops.push(again);
    await again.runPass();
    await a.push();
    await b.pull();
    const onB = (await listOn(b.api, order.id))[0];
    expect(onB).toMatchObject({ deliveryStatus: 'sent', version: 2 });
    expect(onB?.messageId).toEqual(expect.any(String));
    expect(smtp.received.filter((m) => m.header('X-Portside-Entry') === mail.id)).toHaveLength(1);
  });
});
