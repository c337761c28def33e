// End-to-end: a CSR records a deposit and the balance on an order and sees its payment status change in the orders list; receipts; a Manager's delivery override.
import { expect, type Page, test } from '@playwright/test';
import { formatMoney } from '../../core/domain/money';
import type { Order } from '../../core/domain/order';
import { createConfirmedOrder, signIn } from './support/portside-pages';

/** Where to keep screenshots of the payment screens for people to look at (set by hand; tests do not need them). */
const SHOTS = process.env.PORTSIDE_SHOTS_DIR;

async function orderRow(page: Page, order: Order) {
  await page.goto('/#/orders');
  await page.getByLabel('Search orders').fill(order.orderNumber);
  const row = page.locator(`tr[data-order-number="${order.orderNumber}"]`);
  await expect(row).toBeVisible();
  return row;
}

/** The payment status the row shows, in its own column or under the order status (whichever the width allows). */
const paymentStatusIn = (row: ReturnType<Page['locator']>) => row.locator('[data-payment-status]:visible').first();

async function openPayments(page: Page, order: Order): Promise<void> {
  await page.goto(`/#/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: order.orderNumber })).toBeVisible();
  await page.getByRole('tab', { name: /Payments/ }).click();
  await expect(page.getByTestId('payments-panel')).toBeVisible();
}

test('a CSR records a deposit and then the balance, and the orders list shows Deposit paid, then Paid', async ({ page, request }) => {
  const order = await createConfirmedOrder(request, 'Toyota', 1); // a yen order: no minor unit
  const deposit = Math.round(order.orderValue / 10);
  await signIn(page);

  const before = await orderRow(page, order);
  await expect(paymentStatusIn(before)).toHaveText('Unpaid');

  await openPayments(page, order);
  const panel = page.getByTestId('payments-panel');
  await expect(panel.getByTestId('payments-balance-due')).toHaveText(formatMoney(order.orderValue, 'JPY'));
  await expect(panel.locator('[data-schedule-part="deposit"] [data-schedule-state]')).toHaveText('Due now');

  // The deposit, typed in yen as a person writes it.
  await panel.getByRole('button', { name: 'Record payment' }).click();
  let dialog = page.getByRole('dialog', { name: 'Record payment' });
  await expect(dialog.getByLabel('Kind')).toHaveValue('deposit');
  // A CSR is not offered refunds.
  await expect(dialog.getByLabel('Kind').locator('option[value="refund"]')).toHaveCount(0);
  await dialog.getByLabel(/Amount/).fill(deposit.toLocaleString('en-US'));
  await dialog.getByLabel('Method').selectOption('bank_transfer');
  await dialog.getByLabel(/Reference/).fill('TT-DEPOSIT-1');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('payment-toast')).toContainText(`${formatMoney(deposit, 'JPY')} recorded`);
  await expect(panel.getByTestId('payments-status')).toHaveText('Deposit paid');
  await expect(panel.getByTestId('payments-balance-due')).toHaveText(formatMoney(order.orderValue - deposit, 'JPY'));
  await expect(panel.locator('[data-schedule-part="deposit"] [data-schedule-state]')).toHaveText('Paid');

  const afterDeposit = await orderRow(page, order);
  await expect(paymentStatusIn(afterDeposit)).toHaveText('Deposit paid');

  // Too much is refused in the dialog with the amount that is allowed; then the full balance.
  await openPayments(page, order);
  await panel.getByRole('button', { name: 'Record payment' }).click();
  dialog = page.getByRole('dialog', { name: 'Record payment' });
  await expect(dialog.getByLabel('Kind')).toHaveValue('balance');
  await dialog.getByLabel(/Amount/).fill(String(order.orderValue));
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog.getByText(`At most ${formatMoney(order.orderValue - deposit, 'JPY')}.`)).toBeVisible();
  await dialog.getByRole('button', { name: /Pay the full balance/ }).click();
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId('payments-status')).toHaveText('Paid');
  await expect(panel.getByTestId('payments-balance-due')).toHaveText(formatMoney(0, 'JPY'));
  await expect(panel.locator('tr[data-payment-id]')).toHaveCount(2);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/payments-panel.png`, fullPage: true });

  // A printable receipt per payment.
  await panel.locator('tr[data-payment-id]').last().getByRole('link', { name: 'Receipt' }).click();
  await expect(page.getByRole('heading', { name: 'Payment receipt' })).toBeVisible();
  await expect(page.getByTestId('receipt-amount')).toHaveText(formatMoney(deposit, 'JPY'));
  await expect(page.getByRole('article')).toContainText('TT-DEPOSIT-1');
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/payments-receipt.png` });

  const paid = await orderRow(page, order);
  await expect(paymentStatusIn(paid)).toHaveText('Paid');
  await page.getByLabel('Filter by payment status').selectOption('Paid');
  await expect(paid).toBeVisible();
  await page.getByLabel('Filter by payment status').selectOption('Unpaid');
  await expect(paid).toHaveCount(0);
});

test('a Manager delivers with a balance due only with a reason for the override', async ({ page, request }) => {
  const order = await createConfirmedOrder(request, 'Toyota', 1);
  const [vehicle] = order.vehicles;
  if (!vehicle) throw new Error('the order has no vehicles');
  await signIn(page, 'manager', 'Mina Patel');
  await page.goto(`/#/orders/${order.id}`);
  await page
    .locator(`tr[data-vin="${vehicle.vin}"]`)
    .getByRole('button', { name: /Record stage/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Record import stage' });
  await dialog.getByLabel('New stage').selectOption('delivered');
  await expect(dialog.getByTestId('delivery-balance')).toContainText(`still has ${formatMoney(order.orderValue, 'JPY')} to pay`);
  const submit = dialog.getByRole('button', { name: 'Deliver with override' });
  await expect(submit).toBeDisabled();
  await dialog.getByLabel('Reason for delivering with a balance due').fill('Finance approved; funds arrive Friday.');
  await submit.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('order-status')).toHaveText('Completed');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('Finance approved; funds arrive Friday.');
});
