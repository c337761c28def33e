// Roles on screen: a CSR sees no Manager-only action (and the API refuses it anyway); a Manager sees each of them.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import type { Order } from '../../core/domain/order';
import { apiAs, createConfirmedOrder, DEMO_PASSWORD, signIn } from './support/portside-pages';

const SHOTS = '/work/wt/shots';

/** Three orders of one customer: Draft, Confirmed and In Progress (made through the API as the demo CSR). */
async function threeOrders(request: APIRequestContext, make: string): Promise<{ draft: Order; confirmed: Order; moving: Order }> {
  const api = await apiAs(request);
  const confirmed = await createConfirmedOrder(request, make, 1);
  const moving = await createConfirmedOrder(request, make, 1);
  const [first] = moving.vehicles;
  if (!first) throw new Error('the order has no vehicles');
  await api.send('POST', `/vehicles/${first.vehicleId}/stages`, { stage: 'purchased' });
  // The Draft holds a vehicle too: a later spec (templates) previews the newest customer order's vehicle table.
  const vin = `NHP10-${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
  const vehicle = await api.send<{ id: string }>('POST', '/vehicles', {
    vin,
    make,
    model: 'Import',
    year: 2019,
    purchasePrice: 900_000,
    currency: 'JPY',
  });
  const draft = await api.send<Order>('POST', '/orders', {
    customerId: confirmed.customerId,
    currency: 'JPY',
    vehicles: [{ vehicleId: vehicle.id }],
  });
  return { draft, confirmed, moving: await api.get<Order>(`/orders/${moving.id}`) };
}

async function openOrder(page: Page, order: Pick<Order, 'id' | 'orderNumber'>): Promise<void> {
  await page.goto(`/#/orders/${order.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);
}

const cancelButton = (page: Page) => page.getByRole('button', { name: 'Cancel order', exact: true });
const analyticsNav = (page: Page) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Analytics' });

/** The Kind options of the payment dialog on the order's Payments tab. */
async function paymentKinds(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: /Payments/ }).click();
  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const kinds = await dialog.getByLabel(/^Kind/).locator('option').allInnerTexts();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  return kinds;
}

test('a CSR sees no Manager-only action, and the API refuses one called anyway', async ({ page, request }) => {
  const { draft, confirmed, moving } = await threeOrders(request, 'Toyota');
  await signIn(page);
  await expect(analyticsNav(page)).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Orders' })).toBeVisible();

  await openOrder(page, confirmed);
  await expect(page.getByRole('button', { name: 'Edit details' })).toBeVisible();
  await expect(cancelButton(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reassign' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/roles-csr-order.png` });
  const kinds = await paymentKinds(page);
  expect(kinds).toContain('Deposit');
  expect(kinds).not.toContain('Refund');

  await openOrder(page, moving);
  await expect(page.getByTestId('order-status')).toHaveText('In Progress');
  await expect(cancelButton(page)).toHaveCount(0);

  // A Draft promises nothing yet: the CSR may cancel it.
  await openOrder(page, draft);
  await expect(cancelButton(page)).toBeVisible();

  await page.goto(`/#/customers/${confirmed.customerId ?? ''}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Merge duplicate…' })).toHaveCount(0);

  // Typing the address still shows no dashboard.
  await page.goto('/#/analytics');
  await expect(page.getByText('Managers only')).toBeVisible();

  // Hidden is not the guard: the API answers 403 and the order stays Confirmed.
  const login = await request.post('/auth/login', { data: { username: 'csr', password: DEMO_PASSWORD } });
  const { token } = (await login.json()) as { token: string };
  const refused = await request.fetch(`/orders/${confirmed.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    data: { version: confirmed.version, status: 'Cancelled', reason: 'Customer withdrew.' },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { message: string }).message).toContain('only a Manager or an Admin can cancel');
  expect((await (await apiAs(request)).get<Order>(`/orders/${confirmed.id}`)).status).toBe('Confirmed');
});

test('a Manager sees the Manager actions: Analytics, Cancel on a confirmed order, Reassign, refunds, merge', async ({ page, request }) => {
  const { confirmed, moving } = await threeOrders(request, 'Nissan');
  await signIn(page, 'manager', 'Mina Patel');
  await expect(analyticsNav(page)).toBeVisible();

  await openOrder(page, confirmed);
  await expect(cancelButton(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reassign' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/roles-manager-order.png` });
  expect(await paymentKinds(page)).toContain('Refund');

  await openOrder(page, moving);
  await expect(cancelButton(page)).toBeVisible();

  await page.goto(`/#/customers/${confirmed.customerId ?? ''}`);
  await expect(page.getByRole('button', { name: 'Merge duplicate…' })).toBeVisible();

  await analyticsNav(page).click();
  await expect(page.getByText('Managers only')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
});
