// E-mail for real: outgoing customer e-mails go through a real SMTP server on loopback; failures are recorded and retried, delivered exactly once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAuditEntry } from '../../core/domain/audit';
import type { CommunicationView } from '../../core/domain/communication';
import { ManualClock } from '../../core/domain/runtime';
import { loadConfig } from '../../main/config';
import { type EmailDelivery, startEmailDelivery } from '../../main/services/email-delivery';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { createConfirmedOrder } from '../support/fixtures';
import { type LoopbackSmtp, startLoopbackSmtp } from '../support/smtp-loopback';

let smtp: LoopbackSmtp;
let api: ApiHarness;
let env: Record<string, string>;
let delivery: EmailDelivery | null = null;
const clock = new ManualClock(Date.now());

beforeAll(async () => {
  smtp = await startLoopbackSmtp();
  env = {
    PORTSIDE_SMTP_HOST: '127.0.0.1',
    PORTSIDE_SMTP_PORT: String(smtp.port),
    PORTSIDE_SMTP_FROM: 'Harbour Imports <office@example.com>',
  };
  api = await startApi({ env, clock });
});
afterEach(async () => {
  await delivery?.stop();
  delivery = null;
  smtp.mode = 'accept';
});
afterAll(async () => {
  await api.close();
  await smtp.stop();
});

/** Plugs a delivery loop into the harness's backend, as server.ts does (its timer far away: the tests run passes). */
function startDelivery(): EmailDelivery {
  const smtpSettings = loadConfig(env, { dataDir: api.dataDir }).smtp;
  const started = startEmailDelivery(api.backend.services, smtpSettings, { intervalMs: 3_600_000 });
  if (!started) throw new Error('SMTP should be configured');
  delivery = started;
  return started;
}

async function sendEmail(orderId: string, subject: string, body: string): Promise<CommunicationView> {
  return expectOk(
    await api.call<CommunicationView>('POST', `/orders/${orderId}/communication`, { channel: 'email', direction: 'out', subject, body }),
    201,
  );
}

async function entry(orderId: string, id: string): Promise<CommunicationView | undefined> {
  const { items } = expectOk(await api.call<{ items: CommunicationView[] }>('GET', `/orders/${orderId}/communication`));
  return items.find((i) => i.id === id);
}

const arrivalsOf = (id: string) => smtp.received.filter((m) => m.header('X-Portside-Entry') === id);

describe('sending customer e-mails over SMTP', () => {
  it('sends an outgoing e-mail to the customer and records its message id as sent', async () => {
    const loop = startDelivery();
    const { order } = await createConfirmedOrder(api, 1);
    const mail = await sendEmail(order.id, 'Your Prius has arrived', 'Hello Aroha,\r\nyour car is at the port.');
    expect(mail.deliveryStatus).toBe('queued');
    expect(mail.sendingDeviceId).toEqual(expect.any(String));
    await loop.runPass();
    const [arrived] = arrivalsOf(mail.id);
    expect(arrived?.to).toEqual(['aroha@example.com']);
    expect(arrived?.from).toBe('office@example.com');
    expect(arrived?.header('Subject')).toBe('Your Prius has arrived');
    expect(arrived?.body).toBe('Hello Aroha,\r\nyour car is at the port.');
    const after = await entry(order.id, mail.id);
    expect(after).toMatchObject({ deliveryStatus: 'sent', attempts: 1, lastError: null, version: 2 });
    expect(after?.messageId).toBe(arrived?.header('Message-ID'));
    const audit = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(audit.filter((a) => a.entityId === mail.id).map((a) => a.action)).toEqual(['communication_logged', 'email_sent']);
  });

  it('records a refused message as failed with the reason and a later retry time, then delivers it exactly once on "Retry now"', async () => {
    const loop = startDelivery();
    smtp.mode = 'reject';
    const { order } = await createConfirmedOrder(api, 1);
    const mail = await sendEmail(order.id, 'Balance due', 'Please pay the balance.');
    await loop.runPass();
    const failed = await entry(order.id, mail.id);
    expect(failed).toMatchObject({ deliveryStatus: 'failed', attempts: 1, messageId: null });
    expect(failed?.lastError).toMatch(/mail server refused the message \(451/);
    expect(Date.parse(failed?.nextAttemptAt ?? '')).toBe(Date.parse(clock.now()) + 60_000);
    expect(arrivalsOf(mail.id)).toHaveLength(0);

    smtp.mode = 'accept';
    const retried = expectOk(await api.call<CommunicationView>('POST', `/orders/${order.id}/communication/${mail.id}/retry`));
    expect(retried.deliveryStatus).toBe('queued');
    await loop.runPass();
    await loop.runPass();
    expect(arrivalsOf(mail.id)).toHaveLength(1);
    expect(await entry(order.id, mail.id)).toMatchObject({ deliveryStatus: 'sent', attempts: 2, lastError: null });
    const audit = expectOk(await api.call<StoredAuditEntry[]>('GET', `/orders/${order.id}/audit`));
    expect(audit.filter((a) => a.entityId === mail.id).map((a) => a.action)).toEqual([
      'communication_logged',
      'email_failed',
      'email_retry_requested',
      'email_sent',
    ]);
  });

  it('records a server that is down, backs off, and the retry loop delivers once it is back', async () => {
    const loop = startDelivery();
    await smtp.stop();
    const { order } = await createConfirmedOrder(api, 1);
    const mail = await sendEmail(order.id, 'ETA update', 'Your cars sail on Friday.');
    await loop.runPass();
    const failed = await entry(order.id, mail.id);
    expect(failed?.deliveryStatus).toBe('failed');
    expect(failed?.lastError).toMatch(/could not be reached/);
    // Not due yet: a pass now leaves it alone.
    await smtp.start();
    await loop.runPass();
    expect(arrivalsOf(mail.id)).toHaveLength(0);
    // A second failure doubles the wait (1 min, then 2).
    clock.advance(60_000);
    smtp.mode = 'reject';
    await loop.runPass();
    const twice = await entry(order.id, mail.id);
    expect(twice?.attempts).toBe(2);
    expect(Date.parse(twice?.nextAttemptAt ?? '')).toBe(Date.parse(clock.now()) + 120_000);
    smtp.mode = 'accept';
    clock.advance(120_000);
    await loop.runPass();
    await loop.runPass();
    expect(arrivalsOf(mail.id)).toHaveLength(1);
    expect(await entry(order.id, mail.id)).toMatchObject({ deliveryStatus: 'sent', attempts: 3 });
  });

  it('sends what was queued before a restart when delivery starts again', async () => {
    // No loop attached: the e-mail stays queued, as when Portside stops right after the CSR pressed Send.
    const { order } = await createConfirmedOrder(api, 1);
    const mail = await sendEmail(order.id, 'Registration done', 'Your plates are ready.');
    expect(mail.deliveryStatus).toBe('queued');
    await api.restart();
    const loop = startDelivery();
    await loop.runPass();
    expect(arrivalsOf(mail.id)).toHaveLength(1);
    expect((await entry(order.id, mail.id))?.deliveryStatus).toBe('sent');
  });

  it('never sends an entry another device queued (only the recording device sends it)', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const mail = await sendEmail(order.id, 'Pulled', 'From another device.');
    api.backend.db.prepare(`UPDATE communications SET sending_device_id = 'another-device' WHERE id = ?`).run(mail.id);
    const loop = startDelivery();
    expect(await loop.runPass()).toBe(0);
    expect(arrivalsOf(mail.id)).toHaveLength(0);
  });
});
