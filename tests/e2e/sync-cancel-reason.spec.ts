// The Sync screen asks for the reason when "Keep mine" of a status conflict cancels the order, and the order keeps it.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import type { Order } from '../../core/domain/order';
import { apiAs, signIn } from './support/portside-pages';
import { DATA_DIR_ENV } from './support/server-env';

/** A status conflict as the merge records one: Cancelled here, the order's status kept from the other device. */
function recordStatusConflict(order: Order): void {
  const dataDir = process.env[DATA_DIR_ENV];
  if (!dataDir) throw new Error(`${DATA_DIR_ENV} is not set: run through the Playwright global setup.`);
  const db = new Database(join(dataDir, 'portside.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(
      `INSERT INTO sync_conflicts (id, entity, entity_key, item_key, order_id, field, kind, base, mine, theirs, my_author, my_at,
         their_author, their_at, message, created_at)
       VALUES (?, 'order', ?, ?, ?, 'status', 'field', ?, '"Cancelled"', ?, 'Casey Morgan', ?, 'Morgan Lee', ?, 'Both devices changed the status.', ?)`,
    ).run(
      randomUUID(),
      JSON.stringify({ id: order.id }),
      `order:${order.id}`,
      order.id,
      JSON.stringify(order.status),
      JSON.stringify(order.status),
      new Date(Date.now() - 3_600_000).toISOString(),
      new Date(Date.now() - 600_000).toISOString(),
      new Date().toISOString(),
    );
  } finally {
    db.close();
  }
}

test('keeping my Cancelled status asks why, refuses a blank reason, and the order is cancelled with it', async ({ page, request }) => {
  const api = await apiAs(request);
  const orders = await api.get<{ items: { id: string }[] }>('/orders?status=Draft&limit=5');
  const first = orders.items.at(-1);
  if (!first) throw new Error('The demo data has no Draft order.');
  const order = await api.get<Order>(`/orders/${first.id}`);
  recordStatusConflict(order);

  await signIn(page);
  await page.goto('/#/sync');
  const card = page.getByTestId('conflict-card').filter({ hasText: order.orderNumber }).filter({ hasText: 'Status' });
  await expect(card.getByTestId('conflict-mine')).toHaveText('Cancelled');

  await card.getByRole('button', { name: 'Keep mine' }).click();
  const reason = card.getByLabel('Reason for cancelling the order');
  await expect(reason).toBeFocused();
  // Escape goes back without resolving anything.
  await page.keyboard.press('Escape');
  await expect(reason).toBeHidden();
  await expect(card.getByRole('button', { name: 'Keep mine' })).toBeFocused();

  await card.getByRole('button', { name: 'Keep mine' }).click();
  await card.getByRole('button', { name: 'Cancel the order' }).click();
  await expect(card.getByText('Enter why the order is cancelled')).toBeVisible();
  expect((await api.get<Order>(`/orders/${order.id}`)).status).toBe(order.status);

  await reason.fill('Customer withdrew by phone.');
  await card.getByRole('button', { name: 'Cancel the order' }).click();
  await expect(page.getByTestId('sync-feedback')).toContainText('Your value was kept');
  await expect(card).toBeHidden();
  const cancelled = await api.get<Order>(`/orders/${order.id}`);
  expect(cancelled).toMatchObject({ status: 'Cancelled', cancelReason: 'Customer withdrew by phone.' });
});
