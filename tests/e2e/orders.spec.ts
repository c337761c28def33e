// End-to-end: a CSR creates, confirms, finds and progresses multi-vehicle orders in browser mode.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { createConfirmedOrder, signIn } from './support/portside-pages';

const ORDER_NUMBER = /^PS-\d{4}-\d{5}$/;

async function chooseCustomer(page: Page, search: string): Promise<string> {
  await page.getByLabel('Search customers').fill(search);
  // Only a result of this search: the list shown before the search answers must not be clicked.
  const first = page
    .getByRole('button', { name: /^Choose / })
    .filter({ hasText: search })
    .first();
  await expect(first).toBeVisible();
  const name = (await first.locator('span span').first().innerText()).trim();
  await first.click();
  await expect(page.getByTestId('picked-customer')).toContainText(name);
  return name;
}

/** Ticks the first `count` vehicles listed for `search`; returns their VINs. */
async function tickVehicles(page: Page, search: string, count: number): Promise<string[]> {
  await page.getByLabel('Search available vehicles').fill(search);
  const rows = page.locator('table tbody tr').filter({ hasText: search });
  await expect(rows.first()).toBeVisible();
  await expect(page.getByText('Searching…')).toHaveCount(0);
  const vins: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const vin = (await row.locator('label').innerText()).trim();
    await page.getByRole('checkbox', { name: vin, exact: true }).check();
    vins.push(vin);
  }
  return vins;
}

function vehicleRow(page: Page, vin: string): Locator {
  return page.locator(`tr[data-vin="${vin}"]`);
}

test('a CSR creates an order with three vehicles, confirms it, finds it in the list and sees each vehicle’s stage', async ({ page }) => {
  await signIn(page);
  // Demo mode has no shared table: the frame's sync pill says changes stay on this computer.
  await expect(page.getByTestId('sync-status')).toHaveText('Local only');
  await page
    .getByRole('link', { name: /New order/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'New order', level: 1 })).toBeVisible();

  const customer = await chooseCustomer(page, 'Emma');
  await page.getByLabel('Order currency').selectOption('JPY');
  const vins = await tickVehicles(page, 'Toyota', 3);

  const lines = page.getByRole('list', { name: 'Vehicles in this order' }).getByRole('listitem');
  await expect(lines).toHaveCount(3);
  for (const vin of vins) {
    // Same currency as the purchase price: the agreed price is prefilled.
    await expect(page.getByLabel(`Agreed price for ${vin} (JPY)`)).not.toHaveValue('');
  }
  await expect(page.getByTestId('order-total')).not.toHaveText('¥0');
  await page.getByLabel('Notes for the team').fill('E2E: three Toyotas, register together.');
  await page.getByRole('button', { name: 'Create order' }).click();

  // The new order opens as a Draft with the three vehicles added.
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(ORDER_NUMBER);
  const orderNumber = (await heading.innerText()).trim();
  await expect(page.getByTestId('order-status')).toHaveText('Draft');
  await expect(page.getByTestId('order-customer')).toHaveText(customer);
  await expect(page.getByTestId('order-vehicle-count')).toHaveText('0 of 3 delivered');
  await expect(page.getByText('E2E: three Toyotas, register together.')).toBeVisible();
  for (const vin of vins) await expect(vehicleRow(page, vin)).toContainText('Added');

  await page.getByRole('button', { name: 'Confirm order' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed');
  for (const vin of vins) await expect(vehicleRow(page, vin)).toContainText('Active');
  await expect(page.getByRole('button', { name: 'Confirm order' })).toHaveCount(0);

  // The list shows it with its vehicles and progress.
  await page.getByRole('link', { name: 'Orders', exact: true }).first().click();
  await page.getByLabel('Search orders').fill(orderNumber);
  const row = page.locator(`tr[data-order-number="${orderNumber}"]`);
  await expect(row).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(row).toContainText(customer);
  await expect(row).toContainText('Confirmed');
  await expect(row.locator('[data-cell="vehicles"]')).toHaveText(/^0\/3\s*done$/);
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0');
  await expect(row.locator('[data-cell="progress"]')).toContainText('0%');

  // Opening it shows each vehicle's import stage.
  await row.getByRole('link', { name: orderNumber }).click();
  await expect(heading).toHaveText(orderNumber);
  for (const vin of vins) {
    await expect(vehicleRow(page, vin).locator('[data-cell="stage"]')).toContainText('Pending');
  }
  await expect(page.locator('[data-stage-count="pending"]')).toContainText('3');
});

test('bad input gets a clear message next to the field, and nothing typed is lost', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'New order', level: 1 })).toBeVisible();

  const customer = await chooseCustomer(page, 'Liam');
  await page.getByLabel('Order currency').selectOption('NZD');
  const [vin] = await tickVehicles(page, 'BMW', 1);
  if (!vin) throw new Error('no vehicle ticked');
  await page.getByLabel('Notes for the team').fill('Customer pays in NZD.');

  // A BMW bought in EUR has no default price in NZD: the API refuses and says which field.
  const price = page.getByLabel(`Agreed price for ${vin} (NZD)`);
  await expect(price).toHaveValue('');
  await page.getByRole('button', { name: 'Create order' }).click();
  await expect(price).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`li[data-line-vin="${vin}"]`)).toContainText('Agreed price in NZD is required.');
  await expect(page.getByRole('complementary', { name: 'Order summary' })).toContainText(`Enter the agreed price for vehicle ${vin}`);

  // Nothing typed was lost.
  await expect(page).toHaveURL(/#\/orders\/new$/);
  await expect(page.getByTestId('picked-customer')).toContainText(customer);
  await expect(page.getByLabel('Order currency')).toHaveValue('NZD');
  await expect(page.getByRole('checkbox', { name: vin, exact: true })).toBeChecked();
  await expect(page.getByLabel('Notes for the team')).toHaveValue('Customer pays in NZD.');

  // Text that is not an amount is caught before it is sent.
  await price.fill('forty thousand');
  await page.getByRole('button', { name: 'Create order' }).click();
  await expect(page.locator(`li[data-line-vin="${vin}"]`)).toContainText('Enter an amount like 12500.00');

  await price.fill('45000');
  await expect(page.getByTestId('order-total')).toHaveText('NZ$45,000.00');
  await page.getByRole('button', { name: 'Create order' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Draft');
  await expect(page.getByTestId('order-value')).toContainText('NZ$45,000.00');
  await expect(page.getByText('Customer pays in NZD.')).toBeVisible();

  // Cancelling needs a reason: the dialog says so and keeps what was typed afterwards.
  await page.getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog', { name: /Cancel order PS-/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel order' }).click();
  await expect(dialog).toContainText('A reason is required to cancel an order.');
  await expect(dialog.getByLabel(/Reason for cancelling/)).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel(/Reason for cancelling/).fill('Customer chose a local vehicle instead.');
  await dialog.getByRole('button', { name: 'Cancel order' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('order-status')).toHaveText('Cancelled');
  await expect(page.getByText('Customer chose a local vehicle instead.')).toBeVisible();
});

test('recording a vehicle’s first stage moves a confirmed order to In Progress', async ({ page, request }) => {
  const order = await createConfirmedOrder(request, 'Nissan', 2);
  const [first] = order.vehicles;
  if (!first) throw new Error('the order has no vehicles');

  await signIn(page);
  await page.goto(`/#/orders/${order.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed');

  await page.getByRole('button', { name: `Record stage for ${first.vin}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Record import stage' });
  await expect(dialog.getByLabel(/New stage/)).toHaveValue('purchased');
  // Only later stages can be chosen.
  await expect(dialog.getByLabel(/New stage/).locator('option', { hasText: 'Pending' })).toHaveCount(0);
  await dialog.getByLabel('Note (optional)').fill('Won at auction; invoice received.');
  await dialog.getByRole('button', { name: 'Record stage' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId('order-status')).toHaveText('In Progress');
  await expect(vehicleRow(page, first.vin).locator('[data-cell="stage"]')).toContainText('Purchased');
  await expect(page.getByRole('progressbar', { name: 'Order progress' })).not.toHaveAttribute('aria-valuenow', '0');

  await page.getByRole('tab', { name: 'History' }).click();
  const auto = page.locator('li[data-action="stage_recorded"]').first();
  await expect(auto).toContainText('Won at auction; invoice received.');
  await expect(auto).toContainText('System rule');
  await expect(auto).toContainText('Confirmed→In Progress');
});
