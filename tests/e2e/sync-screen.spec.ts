// The Sync screen in the browser: opened from the sidebar pill, it shows the state and the queue, and a CSR resolves a conflict there.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import type { Order } from '../../core/domain/order';
import { apiAs, signIn } from './support/portside-pages';
import { DATA_DIR_ENV } from './support/server-env';

/**
 * A conflict as the sync merge records one after another device changed the same notes. In
 * browser mode there is no second device, so it goes straight into the server's database
 * (SQLite in WAL mode takes this second writer; the busy timeout waits out the server's writes).
 */
function recordNotesConflict(order: Order, mine: string, theirs: string): void {
  const dataDir = process.env[DATA_DIR_ENV];
  if (!dataDir) throw new Error(`${DATA_DIR_ENV} is not set: run through the Playwright global setup.`);
  const db = new Database(join(dataDir, 'portside.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(
      `INSERT INTO sync_conflicts (id, entity, entity_key, item_key, order_id, field, kind, base, mine, theirs, my_author, my_at,
         their_author, their_at, message, created_at)
       VALUES (?, 'order', ?, ?, ?, 'notes', 'field', ?, ?, ?, 'Casey Morgan', ?, 'Morgan Lee', ?, 'Both devices changed the notes.', ?)`,
    ).run(
      randomUUID(),
      JSON.stringify({ id: order.id }),
      `order:${order.id}`,
      order.id,
      JSON.stringify(order.notes),
      JSON.stringify(mine),
      JSON.stringify(theirs),
      new Date(Date.now() - 3_600_000).toISOString(),
      new Date(Date.now() - 600_000).toISOString(),
      new Date().toISOString(),
    );
  } finally {
    db.close();
  }
}

test('the sidebar pill opens the Sync screen: state, queue of changes waiting, and no conflicts', async ({ page }) => {
  await signIn(page);
  await page.getByTestId('sync-status').click();
  await expect(page).toHaveURL(/#\/sync$/);
  await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sync', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('sync-headline')).toContainText('locally');
  // Local mode never pushes: "Sync now" has nothing to do.
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  const conflicts = page.getByRole('region', { name: /Conflicts/ });
  await expect(conflicts.getByText('No conflicts')).toBeVisible();
  // The demo data and this sign-in are queued for a table that does not exist: the newest (the sign-in) is listed.
  const queue = page.getByRole('table', { name: 'Changes waiting to be sent' });
  await expect(queue.getByTestId('queue-row').first()).toContainText('Sign-in');
  await expect(queue.getByTestId('queue-row').first()).toContainText('Waiting');
});

test('a CSR keeps their own value of a conflict with the keyboard, and the order shows it', async ({ page, request }) => {
  const api = await apiAs(request);
  const orders = await api.get<{ items: { id: string }[] }>('/orders?status=Draft&limit=1');
  const first = orders.items[0];
  if (!first) throw new Error('The demo data has no Draft order.');
  const order = await api.get<Order>(`/orders/${first.id}`);
  const mine = `Collect from the yard on Tuesday (${randomUUID().slice(0, 8)}).`;
  recordNotesConflict(order, mine, 'Deliver on Monday.');

  await signIn(page);
  await page.goto('/#/sync');
  const card = page.getByTestId('conflict-card').filter({ hasText: order.orderNumber });
  await expect(card.getByTestId('conflict-mine')).toHaveText(mine);
  await expect(card.getByTestId('conflict-theirs')).toHaveText('Deliver on Monday.');
  await expect(card).toContainText('Morgan Lee');

  // Edit opens prefilled with mine; Escape leaves it unchanged.
  await card.getByRole('button', { name: 'Edit…' }).click();
  await expect(card.getByLabel('New value for notes')).toHaveValue(mine);
  await page.keyboard.press('Escape');
  await expect(card.getByLabel('New value for notes')).toBeHidden();

  await card.getByRole('button', { name: 'Keep mine' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sync-feedback')).toContainText('Your value was kept');
  await expect(card).toBeHidden();
  expect((await api.get<Order>(`/orders/${order.id}`)).notes).toBe(mine);
});
