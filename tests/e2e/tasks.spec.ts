// End-to-end: a CSR adds a follow-up task on an order, finds it in My tasks (g t), and completes it with "Done & schedule next".
import { expect, test } from '@playwright/test';
import { createDraftWithoutCustomer, signIn } from './support/portside-pages';

/** Where to keep screenshots for people to look at (set by hand, e.g. PORTSIDE_SHOTS_DIR=/tmp/shots; tests do not need them). */
const SHOTS = process.env.PORTSIDE_SHOTS_DIR;

test('a task added on an order shows in My tasks, and "Done & schedule next" completes it and plans the next one', async ({
  page,
  request,
}) => {
  const order = await createDraftWithoutCustomer(request, '');
  await signIn(page);

  // The demo CSR has overdue tasks: the sidebar says how many.
  await expect(page.getByTestId('overdue-badge')).toHaveText(/^[1-9]\d*$/);

  await page.goto(`/#/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: order.orderNumber })).toBeVisible();
  await page.getByRole('tab', { name: 'Tasks' }).click();
  await expect(page.getByText('No follow-up tasks')).toBeVisible();

  await page.getByRole('button', { name: 'Add task' }).click();
  const add = page.getByRole('dialog', { name: 'Add a follow-up task' });
  await expect(add.getByLabel(/^Title/)).toBeFocused();
  await add.getByLabel(/^Title/).fill('Call the customer about the deposit');
  await expect(add.getByLabel(/^Assignee/)).toHaveValue(/.+/);
  await add.getByLabel('Vehicle (optional)').selectOption({ index: 1 });
  await add.getByRole('button', { name: 'Add task' }).click();
  await expect(add).toHaveCount(0);
  await expect(page.getByTestId('toasts')).toContainText('Task added: Call the customer about the deposit');

  const panel = page.getByTestId('order-tasks');
  const today = panel.getByTestId('tasks-today');
  await expect(today.getByTestId('task-row')).toHaveCount(1);
  await expect(today).toContainText('Call the customer about the deposit');
  await expect(today).toContainText('Due today');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/tasks-order-tab.png` });

  // "g t" goes to My tasks, where the new task sits under Today with a link to its order.
  await page.locator('body').press('g');
  await page.locator('body').press('t');
  await expect(page.getByRole('heading', { name: 'My tasks', level: 1 })).toBeVisible();
  const row = page.getByTestId('tasks-today').getByTestId('task-row').filter({ hasText: 'Call the customer about the deposit' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: order.orderNumber })).toBeVisible();
  await expect(page.getByTestId('tasks-overdue').getByTestId('task-row').first()).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/tasks-my-tasks.png`, fullPage: true });

  await row.getByRole('button', { name: 'Done & next…' }).click();
  const next = page.getByRole('dialog', { name: 'Done & schedule next' });
  await next.getByLabel(/^Next task/).fill('Check the deposit arrived');
  await next.getByRole('button', { name: 'Done & schedule' }).click();
  await expect(next).toHaveCount(0);
  await expect(page.getByTestId('toasts')).toContainText('Done, and the next one is scheduled');

  await expect(
    page.getByTestId('tasks-done').getByTestId('task-row').filter({ hasText: 'Call the customer about the deposit' }),
  ).toHaveCount(1);
  const planned = page.getByTestId('tasks-upcoming').getByTestId('task-row').filter({ hasText: 'Check the deposit arrived' });
  await expect(planned).toHaveCount(1);

  // The row links to its order, whose Tasks tab shows both.
  await planned.getByRole('link', { name: order.orderNumber }).click();
  await expect(page.getByRole('heading', { name: order.orderNumber })).toBeVisible();
  await page.getByRole('tab', { name: 'Tasks' }).click();
  await expect(page.getByTestId('order-tasks').getByTestId('task-row')).toHaveCount(2);
});
