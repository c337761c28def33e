// Message templates over real HTTP: the defaults, Admin-only edits with version, refusals that change nothing, audit + outbox, preview against an order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAuditEntry } from '../../core/domain/audit';
import type { MessageTemplateView, TemplatePreview } from '../../core/domain/message-template';
import type { Order } from '../../core/domain/order';
import type { OutboxChangeSet } from '../../core/domain/outbox';
import { parseTemplate, PLACEHOLDER_NAMES } from '../../core/domain/templates';
import { type ApiHarness, expectError, expectOk, startApi } from '../support/api-harness';
import { createCustomer, createOrder, createVehicles, lastOutboxSeq, outboxSince, snapshot } from '../support/fixtures';

let admin: ApiHarness;

beforeAll(async () => {
  admin = await startApi({ roles: ['Admin'] });
});
afterAll(async () => {
  await admin.close();
});

const list = async (api: ApiHarness, query = ''): Promise<MessageTemplateView[]> =>
  expectOk(await api.call<{ items: MessageTemplateView[] }>('GET', `/templates${query}`)).items;

async function defaultTemplate(api: ApiHarness, key: string): Promise<MessageTemplateView> {
  const found = (await list(api)).find((t) => t.key === key);
  if (!found) throw new Error(`no ${key} template`);
  return found;
}

const auditOf = (api: ApiHarness, id: string): StoredAuditEntry[] => api.backend.services.deps.repos.audit.forEntity('template', id);

describe('the default templates', () => {
  it('are the four the issue names, professional copy, every placeholder known, editable and not deletable', async () => {
    const templates = await list(admin);
    expect(templates.map((t) => t.key).sort()).toEqual(['order_completed', 'payment_reminder', 'status_update', 'vehicle_arrived']);
    for (const t of templates) {
      expect(t.isDefault).toBe(true);
      expect(t.createdByName).toBe('Portside');
      expect(parseTemplate(`${t.subject ?? ''}\n${t.body}`).problems).toEqual([]);
      expect(t.body).toMatch(/^Dear \{\{customer\.name\}\},/);
    }
    expect((await defaultTemplate(admin, 'status_update')).body).toContain('{{vehicles.stageTable}}');
    expect((await defaultTemplate(admin, 'payment_reminder')).body).toContain('{{order.balanceDue}}');
  });

  it('filter by channel: a channel shows its own and those for any channel', async () => {
    expect((await list(admin, '?channel=sms')).map((t) => t.key)).toEqual(['vehicle_arrived']);
    expect((await list(admin, '?channel=email')).length).toBe(4);
  });
});

describe('editing a template', () => {
  it('lets an Admin edit at the known version: audited (template_updated) with one outbox change set', async () => {
    const before = await defaultTemplate(admin, 'vehicle_arrived');
    const seq = lastOutboxSeq(admin.backend.db);
    const body = 'Dear {{customer.name}}, your vehicle for {{order.number}} has arrived.\n\n{{vehicles.stageTable}}';
    const saved = expectOk(
      await admin.call<MessageTemplateView>('PUT', `/templates/${before.id}`, {
        version: before.version,
        body,
        channel: 'sms',
        subject: null,
      }),
    );
    expect(saved).toMatchObject({ body, channel: 'sms', subject: null, version: before.version + 1, updatedByName: 'Casey Tester' });
    const [entry] = auditOf(admin, before.id).filter((e) => e.action === 'template_updated');
    expect(entry?.changes.map((c) => c.field).sort()).toEqual(['body', 'channel', 'subject']);
    const sets = outboxSince(admin.backend.db, seq);
    expect(sets).toHaveLength(1);
    const items = (JSON.parse(sets[0]?.items ?? '[]') as OutboxChangeSet['items']).map((i) => i.entity);
    expect(items.sort()).toEqual(['audit', 'template']);
  });

  it('refuses a stale version with 409 and the current template, changing nothing', async () => {
    const current = await defaultTemplate(admin, 'order_completed');
    expectOk(await admin.call('PUT', `/templates/${current.id}`, { version: current.version, name: 'Order complete' }));
    const before = snapshot(admin.backend.db);
    const body = expectError(await admin.call('PUT', `/templates/${current.id}`, { version: current.version, name: 'Stale' }), 'CONFLICT');
    expect(body.current).toMatchObject({ id: current.id, name: 'Order complete', version: current.version + 1 });
    expect(snapshot(admin.backend.db)).toEqual(before);
  });

  it('refuses an unknown placeholder with 400 naming the field, suggesting the right one, and changes nothing', async () => {
    const current = await defaultTemplate(admin, 'status_update');
    const before = snapshot(admin.backend.db);
    const error = expectError(
      await admin.call('PUT', `/templates/${current.id}`, { version: current.version, body: 'Your order {{order.numbr}} moved on.' }),
      'VALIDATION',
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['body']);
    expect(error.fields?.body).toContain('{{order.numbr}}');
    expect(error.fields?.body).toContain('Did you mean {{order.number}}?');
    for (const name of PLACEHOLDER_NAMES) expect(error.message).toContain(`{{${name}}}`);
    const subject = expectError(
      await admin.call('PUT', `/templates/${current.id}`, { version: current.version, subject: 'Order {{order.number' }),
      'VALIDATION',
    );
    expect(Object.keys(subject.fields ?? {})).toEqual(['subject']);
    expect(snapshot(admin.backend.db)).toEqual(before);
    expect(await defaultTemplate(admin, 'status_update')).toEqual(current);
  });

  it('is for Admins only: a CSR and a Manager get 403 on create, edit and delete, and nothing changes', async () => {
    for (const role of ['CSR', 'Manager'] as const) {
      const other = await startApi({ roles: [role] });
      try {
        const template = await defaultTemplate(other, 'status_update');
        const before = snapshot(other.backend.db);
        expectError(await other.call('PUT', `/templates/${template.id}`, { version: template.version, name: 'Mine' }), 'FORBIDDEN');
        expectError(await other.call('POST', '/templates', { name: 'Mine', body: 'Hello' }), 'FORBIDDEN');
        expectError(await other.call('DELETE', `/templates/${template.id}?version=${template.version}`), 'FORBIDDEN');
        expect(snapshot(other.backend.db)).toEqual(before);
        // Reading and previewing are for everyone who reads communication.
        expectOk(await other.call('POST', '/templates/preview', { templateId: template.id }));
      } finally {
        await other.close();
      }
    }
  });
});

describe('custom templates', () => {
  it('are created (201, key from the name, audited) and deleted at their version (a tombstone in the outbox); defaults cannot be deleted', async () => {
    const created = expectOk(
      await admin.call<MessageTemplateView>('POST', '/templates', {
        name: 'Deposit received',
        channel: 'email',
        subject: 'Deposit received for {{order.number}}',
        body: 'Dear {{customer.name}}, thank you for your deposit. Balance due: {{order.balanceDue}}.',
      }),
      201,
    );
    expect(created).toMatchObject({ key: 'deposit_received', version: 1, isDefault: false, createdByName: 'Casey Tester' });
    const again = expectOk(await admin.call<MessageTemplateView>('POST', '/templates', { name: 'Deposit received', body: 'Hi' }), 201);
    expect(again.key).toBe('deposit_received_2');

    const seq = lastOutboxSeq(admin.backend.db);
    expectError(await admin.call('DELETE', `/templates/${created.id}?version=7`), 'CONFLICT');
    const deleted = expectOk(await admin.call('DELETE', `/templates/${created.id}?version=${created.version}`));
    expect(deleted).toEqual({ id: created.id, deleted: true });
    expect((await list(admin)).map((t) => t.id)).not.toContain(created.id);
    const [set] = outboxSince(admin.backend.db, seq);
    const tombstone = (JSON.parse(set?.items ?? '[]') as OutboxChangeSet['items']).find((i) => i.entity === 'template');
    expect(tombstone).toMatchObject({ deleted: true, baseVersion: 1, data: { id: created.id, version: 2 } });
    expect(auditOf(admin, created.id).map((e) => e.action)).toEqual(['template_created', 'template_deleted']);

    const fixed = await defaultTemplate(admin, 'payment_reminder');
    const before = snapshot(admin.backend.db);
    const refusal = expectError(await admin.call('DELETE', `/templates/${fixed.id}?version=${fixed.version}`), 'RULE_VIOLATION');
    expect(refusal.message).toMatch(/cannot be deleted, only edited/);
    expect(snapshot(admin.backend.db)).toEqual(before);
  });
});

describe('preview', () => {
  it('renders a saved template against an order: its customer, its vehicles in a table, the balance due, the sender', async () => {
    const customer = await createCustomer(admin, { name: 'Hemi Walker', company: 'Walker Fleet' });
    const vehicles = await createVehicles(admin, 2);
    const order = await createOrder(admin, {
      customerId: customer.id,
      currency: 'JPY',
      vehicles: vehicles.map((v) => ({ vehicleId: v.id, price: 1_250_000 })),
    });
    const reminder = await defaultTemplate(admin, 'payment_reminder');
    const preview = expectOk(
      await admin.call<TemplatePreview>('POST', '/templates/preview', { orderId: order.id, templateId: reminder.id }),
    );
    expect(preview.subject).toBe(`Payment reminder for order ${order.orderNumber}`);
    expect(preview.body).toContain('Dear Hemi Walker,');
    expect(preview.body).toContain('a balance of ¥2,500,000 remains due');
    expect(preview.body).toContain('Casey Tester');
    expect(preview).toMatchObject({ templateKey: 'payment_reminder', orderNumber: order.orderNumber });
    expect(preview.placeholders).toEqual(['order.number', 'customer.name', 'order.balanceDue', 'order.value', 'csr.name']);

    const status = await defaultTemplate(admin, 'status_update');
    const table = expectOk(await admin.call<TemplatePreview>('POST', '/templates/preview', { orderId: order.id, templateId: status.id }));
    for (const v of vehicles)
      expect(table.body).toMatch(new RegExp(`${v.vin}\\s+${v.make} ${v.model} ${v.year}\\s+Pending\\s+\\d{1,2} [A-Z][a-z]{2} \\d{4}`));
  });

  it('renders text being edited, checked as saving checks it; without an order, order values are dashes', async () => {
    const order: Order = await createOrder(admin, {
      notes: 'No customer yet.',
      vehicles: [{ vehicleId: (await createVehicles(admin, 1))[0]?.id ?? '' }],
    });
    const edited = expectOk(
      await admin.call<TemplatePreview>('POST', '/templates/preview', {
        orderId: order.id,
        subject: 'About {{order.number}}',
        body: 'Dear {{customer.name}}, {{order.status}}.',
      }),
    );
    expect(edited).toMatchObject({ subject: `About ${order.orderNumber}`, body: 'Dear —, Draft.', templateKey: null });
    const none = expectOk(await admin.call<TemplatePreview>('POST', '/templates/preview', { body: '{{order.number}} by {{csr.name}}' }));
    expect(none).toMatchObject({ body: '— by Casey Tester', orderNumber: null });
    const wrong = expectError(await admin.call('POST', '/templates/preview', { body: 'Hi {{customer.fullName}}' }), 'VALIDATION');
    expect(wrong.fields?.body).toContain('Did you mean {{customer.name}}?');
  });

  it('refuses both forms at once, neither, and unknown orders or templates', async () => {
    const status = await defaultTemplate(admin, 'status_update');
    expect(
      Object.keys(
        expectError(await admin.call('POST', '/templates/preview', { templateId: status.id, body: 'x' }), 'VALIDATION').fields ?? {},
      ),
    ).toEqual(['templateId']);
    expectError(await admin.call('POST', '/templates/preview', {}), 'VALIDATION');
    expectError(await admin.call('POST', '/templates/preview', { templateId: 'no-such-template' }), 'NOT_FOUND');
    expectError(await admin.call('POST', '/templates/preview', { templateId: status.id, orderId: 'no-such-order' }), 'NOT_FOUND');
  });
});
