// End-to-end: two users in two browser contexts; one follows an order, the other records its stages, the follower sees one notification.
import { expect, test } from '@playwright/test';
import type { Order } from '../../core/domain/order';
import { apiAs, createConfirmedOrder, signIn } from './support/portside-pages';

/** Where to keep screenshots for people to look at (set by hand, e.g. PORTSIDE_SHOTS_DIR=/tmp/shots; tests do not need them). */
const SHOTS = process.env.PORTSIDE_SHOTS_DIR;

test('a follower sees the unread count and the notification of stages another user recorded, and opens the order from it', async ({
  browser,
  request,
}) => {
  const order = await createConfirmedOrder(request, 'Toyota', 2);
  const caseyContext = await browser.newContext();
  const minaContext = await browser.newContext();
  const casey = await caseyContext.newPage();
  const mina = await minaContext.newPage();
  await signIn(casey, 'csr', 'Casey Morgan');
  await signIn(mina, 'manager', 'Mina Patel');

  // Mina follows the order Casey created (Casey, its creator and assignee, already does).
  await mina.goto(`/#/orders/${order.id}`);
  await expect(mina.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);
  await expect(mina.getByTestId('order-assignee')).toHaveText('Casey Morgan');
  await expect(mina.getByRole('button', { name: 'Reassign' })).toBeVisible();
  await mina.getByTestId('order-follow').click();
  await expect(mina.getByTestId('order-follow')).toHaveText('Unfollow');
  await expect(mina.getByTestId('order-follower-count')).toHaveText('2 followers');
  if (SHOTS) await mina.screenshot({ path: `${SHOTS}/notify-order-header.png` });
  await mina.goto('/#/orders');

  // Casey sees no Reassign (a CSR cannot), and records both vehicles as purchased.
  await casey.goto(`/#/orders/${order.id}`);
  await expect(casey.getByTestId('order-assignee')).toHaveText('Casey Morgan');
  await expect(casey.getByRole('button', { name: 'Reassign' })).toHaveCount(0);
  const api = await apiAs(request, 'csr');
  for (const vehicleId of order.vehicleIds) await api.send('POST', `/vehicles/${vehicleId}/stages`, { stage: 'purchased' });

  // Mina's bell counts them live (SSE), and the centre shows the two stages as one notification.
  await expect(mina.getByTestId('notification-unread-count')).toBeVisible();
  await mina.getByTestId('notification-bell').click();
  const dialog = mina.getByRole('dialog', { name: 'Notifications' });
  const burst = dialog.getByTestId('notification-item').filter({ hasText: `${order.orderNumber}: 2 vehicles advanced to Purchased` });
  await expect(burst).toHaveCount(1);
  await expect(burst).toContainText('By Casey Morgan.');
  if (SHOTS) await mina.screenshot({ path: `${SHOTS}/notify-centre.png` });

  // Opening it marks it read and shows the order.
  await burst.getByRole('button', { name: /^PS-.*2 vehicles advanced/ }).click();
  await expect(mina.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);
  const after = await (await apiAs(request, 'manager')).get<{ items: { title: string; readAt: string | null }[] }>('/notifications');
  expect(after.items.find((n) => n.title.includes('2 vehicles advanced'))?.readAt).not.toBeNull();

  // Casey, who made the change, is not told about it.
  const forCasey = await api.get<{ items: { orderId: string; eventType: string }[] }>('/notifications');
  expect(forCasey.items.filter((n) => n.orderId === order.id && n.eventType === 'stage')).toEqual([]);
  const seen = await api.get<Order>(`/orders/${order.id}`);
  expect(seen.followerCount).toBe(2);
  await caseyContext.close();
  await minaContext.close();
});
