// End-to-end: the order rules as a CSR meets them: take back a wrong stage, re-price a line, no empty orders, frozen final orders.
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { Order } from '../../core/domain/order';
import { apiAs, createConfirmedOrder, signIn } from './support/portside-pages';

function vehicleRow(page: Page, vin: string): Locator {
  return page.locator(`tr[data-vin="${vin}"]`);
}

async function openOrder(page: Page, order: Pick<Order, 'id' | 'orderNumber'>): Promise<void> {
  await page.goto(`/#/orders/${order.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);
}

test('a CSR retracts a wrong stage and sees the vehicle go back, with the retraction in its stage history', async ({ page, request }) => {
  const order = await createConfirmedOrder(request, 'Subaru', 2);
  const [vehicle] = order.vehicles;
  if (!vehicle) throw new Error('the order has no vehicles');
  const api = await apiAs(request);
  await api.send('POST', `/vehicles/${vehicle.vehicleId}/stages`, { stage: 'purchased' });
  await api.send('POST', `/vehicles/${vehicle.vehicleId}/stages`, { stage: 'in_transit' });

  await signIn(page);
  await openOrder(page, order);
  const row = vehicleRow(page, vehicle.vin);
  await expect(row.locator('[data-cell="stage"]')).toContainText('In transit');
  await expect(page.locator('[data-stage-count="in_transit"]')).toContainText('1');

  await row.getByRole('button', { name: `Retract the last stage of ${vehicle.vin}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Retract the last stage?' });
  const summary = dialog.getByTestId('retraction-summary');
  await expect(summary).toContainText('RetractIn transit');
  await expect(summary).toContainText('Goes back toPurchased');

  // The reason is required: said next to the field, before anything is sent.
  await dialog.getByRole('button', { name: 'Retract stage' }).click();
  const reason = dialog.getByLabel(/What was wrong/);
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await reason.fill('Recorded on the wrong vehicle.');
  await dialog.getByRole('button', { name: 'Retract stage' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'retracted' })).toContainText(
    `In transit retracted for ${vehicle.vin}: it is back at Purchased.`,
  );

  await expect(row.locator('[data-cell="stage"]')).toContainText('Purchased');
  await expect(page.locator('[data-stage-count="in_transit"]')).toContainText('0');
  await expect(page.locator('[data-stage-count="purchased"]')).toContainText('1');

  // The retracted event stays in the vehicle's stage history, struck through, with who and why.
  await row.getByRole('button', { name: `Retract the last stage of ${vehicle.vin}` }).click();
  const retracted = dialog.locator('li[data-retracted]');
  await expect(retracted).toHaveCount(1);
  await expect(retracted).toContainText('In transit');
  await expect(retracted).toContainText('Retracted by Casey Morgan');
  await expect(retracted).toContainText('Recorded on the wrong vehicle.');
  await expect(dialog.getByTestId('retraction-summary')).toContainText('Goes back toPending');
  await dialog.getByRole('button', { name: 'Keep stage' }).click();

  await page.getByRole('tab', { name: 'History' }).click();
  const entry = page.locator('li[data-action="stage_retracted"]').first();
  await expect(entry).toContainText('Stage retracted');
  await expect(entry).toContainText('Recorded on the wrong vehicle.');
});

test('when the stage changed meanwhile, the retract dialog shows the refusal, keeps the reason, and shows the stage that is latest now', async ({
  page,
  request,
}) => {
  const order = await createConfirmedOrder(request, 'Subaru', 1);
  const [vehicle] = order.vehicles;
  if (!vehicle) throw new Error('the order has no vehicles');
  const api = await apiAs(request);
  await api.send('POST', `/vehicles/${vehicle.vehicleId}/stages`, { stage: 'purchased' });

  await signIn(page);
  await openOrder(page, order);
  await vehicleRow(page, vehicle.vin)
    .getByRole('button', { name: `Retract the last stage of ${vehicle.vin}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Retract the last stage?' });
  await expect(dialog.getByTestId('retraction-summary')).toContainText('RetractPurchased');
  // Another CSR records the next stage while this dialog is open.
  await api.send('POST', `/vehicles/${vehicle.vehicleId}/stages`, { stage: 'export_cleared' });
  await dialog.getByLabel(/What was wrong/).fill('Wrong auction lot.');
  await dialog.getByRole('button', { name: 'Retract stage' }).click();

  await expect(dialog.getByRole('alert')).toContainText('Only the latest stage');
  await expect(dialog.getByLabel(/What was wrong/)).toHaveValue('Wrong auction lot.');
  await expect(dialog.getByTestId('retraction-summary')).toContainText('RetractExport cleared');
  await expect(dialog.getByTestId('retraction-summary')).toContainText('Goes back toPurchased');
});

test('a CSR changes a line’s agreed price and sees the order’s total change', async ({ page, request }) => {
  const order = await createConfirmedOrder(request, 'Subaru', 2);
  const [vehicle, other] = order.vehicles;
  if (!vehicle || !other) throw new Error('the order needs two vehicles');
  const yen = (minor: number) => `¥${minor.toLocaleString('en-US')}`;

  await signIn(page);
  await openOrder(page, order);
  await expect(page.getByTestId('order-value')).toContainText(yen(order.orderValue));

  await vehicleRow(page, vehicle.vin)
    .getByRole('button', { name: `Change the agreed price of ${vehicle.vin}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Change agreed price' });
  const price = dialog.getByLabel(/New agreed price \(JPY\)/);
  await expect(price).toHaveValue(String(vehicle.price));

  // Zero is refused as typed, next to the field.
  await price.fill('0');
  await dialog.getByRole('button', { name: 'Save price' }).click();
  await expect(price).toHaveAccessibleDescription('Enter an amount greater than zero.');

  await price.fill('1,234,567');
  await expect(dialog.getByTestId('new-order-value')).toHaveText(yen(other.price + 1_234_567));
  await dialog.getByRole('button', { name: 'Save price' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByRole('status').filter({ hasText: 'agreed price' })).toContainText(
    `The agreed price of ${vehicle.vin} is now ¥1,234,567.`,
  );
  await expect(vehicleRow(page, vehicle.vin).getByTestId('line-price')).toHaveText('¥1,234,567');
  await expect(page.getByTestId('order-value')).toContainText(yen(other.price + 1_234_567));
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.locator('li[data-action="vehicle_repriced"]').first()).toContainText('¥1,234,567');
});

test('an empty New-order form says what is missing next to the customer and the vehicles, and creates nothing', async ({ page }) => {
  await signIn(page);
  const creates: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/orders') creates.push(req.url());
  });
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'New order', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Create order' }).click();
  await expect(page.getByLabel('Search customers')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Search customers')).toBeFocused();
  await expect(page.getByText('Choose a customer, or add a vehicle.')).toBeVisible();
  await expect(page.getByText('Add a vehicle, or choose a customer.')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Order summary' })).toContainText(
    'An order needs a customer or at least one vehicle',
  );
  await expect(page).toHaveURL(/#\/orders\/new$/);
  expect(creates).toEqual([]);

  // Choosing a customer answers it: both messages go.
  await page.getByLabel('Search customers').fill('Emma');
  await page
    .getByRole('button', { name: /^Choose / })
    .first()
    .click();
  await expect(page.getByText('Add a vehicle, or choose a customer.')).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Order summary' })).not.toContainText('An order needs');
});

test('a Completed order shows no edit actions and says it is frozen; a Cancelled one shows its stages as at cancellation', async ({
  page,
  request,
}) => {
  const api = await apiAs(request);
  const order = await createConfirmedOrder(request, 'Honda', 1);
  const [vehicle] = order.vehicles;
  if (!vehicle) throw new Error('the order has no vehicles');
  // Paid in full first: delivering with a balance due needs a Manager's override.
  await api.send('POST', `/orders/${order.id}/payments`, {
    kind: 'balance',
    amount: order.orderValue,
    currency: order.currency,
    method: 'bank_transfer',
  });
  await api.send('POST', `/vehicles/${vehicle.vehicleId}/stages`, { stage: 'delivered' });
  const { items: cancelled } = await api.get<{ items: Order[] }>('/orders?status=Cancelled&limit=1');

  await signIn(page);
  await openOrder(page, order);
  await expect(page.getByTestId('order-status')).toHaveText('Completed');
  await expect(page.getByTestId('frozen-notice')).toContainText('Completed orders are frozen');
  await expect(page.getByTestId('frozen-notice')).toContainText('Ask a Manager');
  const main = page.getByRole('main');
  for (const name of [
    /Edit details/,
    /Edit notes/,
    /Add vehicle/,
    /Cancel order/,
    /Change the agreed price/,
    /Remove /,
    /Record stage/,
    /Retract/,
  ]) {
    await expect(main.getByRole('button', { name })).toHaveCount(0);
  }

  const [first] = cancelled;
  if (!first) throw new Error('the demo data has no cancelled order');
  await openOrder(page, first);
  await expect(page.getByTestId('frozen-notice')).toContainText('Cancelled orders are frozen');
  await expect(page.getByRole('heading', { name: /Progress/ })).toContainText('as at cancellation');
  await expect(main.getByRole('button', { name: /Edit details|Add vehicle|Change the agreed price|Retract/ })).toHaveCount(0);
});

test('a Manager takes back a wrong delivery: the dialog warns that it reopens the Completed order, which returns to In Progress', async ({
  page,
  request,
}) => {
  const api = await apiAs(request);
  const order = await createConfirmedOrder(request, 'Honda', 1);
  const [vehicle] = order.vehicles;
  if (!vehicle) throw new Error('the order has no vehicles');
  // Paid in full first: delivering with a balance due needs a Manager's override.
  await api.send('POST', `/orders/${order.id}/payments`, {
    kind: 'balance',
    amount: order.orderValue,
    currency: order.currency,
    method: 'bank_transfer',
  });
  await api.send('POST', `/vehicles/${vehicle.vehicleId}/stages`, { stage: 'delivered' });

  await signIn(page, 'manager', 'Mina Patel');
  await openOrder(page, order);
  await expect(page.getByTestId('order-status')).toHaveText('Completed');
  await vehicleRow(page, vehicle.vin)
    .getByRole('button', { name: `Retract the last stage of ${vehicle.vin}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Retract the last stage?' });
  await expect(dialog).toContainText(`This reopens order ${order.orderNumber}`);
  await dialog.getByLabel(/What was wrong/).fill('Delivery was booked, not done.');
  await dialog.getByRole('button', { name: 'Retract stage' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('order-status')).toHaveText('In Progress');
  await expect(page.getByRole('status').filter({ hasText: 'retracted' })).toContainText(`Order ${order.orderNumber} is In Progress again.`);
  await expect(vehicleRow(page, vehicle.vin).locator('[data-cell="stage"]')).toContainText('Pending');
});
