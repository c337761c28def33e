// End-to-end: from an order to its customer's page, editing the customer, and a Manager merging two duplicates.
import { expect, test } from '@playwright/test';
import type { CustomerView } from '../../core/domain/customer';
import type { Order } from '../../core/domain/order';
import { apiAs, signIn } from './support/portside-pages';

/** Where to keep screenshots for people to look at (set by hand, e.g. PORTSIDE_SHOTS_DIR=/tmp/shots; tests do not need them). */
const SHOTS = process.env.PORTSIDE_SHOTS_DIR;
const stamp = () => Date.now().toString(36);

test('the order screen links to its customer, whose page shows their orders; a CSR edits the customer and cannot merge', async ({
  page,
  request,
}) => {
  const api = await apiAs(request);
  const tag = stamp();
  const customer = await api.send<CustomerView>('POST', '/customers', {
    name: `Rewi Parata ${tag}`,
    company: `Parata Haulage ${tag}`,
    email: `rewi.${tag}@example.com`,
    phone: '+64 21 555 0160',
    allowDuplicate: true,
  });
  const order = await api.send<Order>('POST', '/orders', { customerId: customer.id, currency: 'NZD' });

  await signIn(page);
  await page.goto(`/#/orders/${order.id}`);
  await page.getByTestId('order-customer').getByRole('link', { name: customer.name }).click();
  await expect(page.getByTestId('customer-name')).toHaveText(customer.name);
  await expect(page.getByRole('link', { name: order.orderNumber })).toBeVisible();
  await expect(page.getByTestId('customer-reach').getByRole('link', { name: customer.email ?? '' })).toHaveAttribute(
    'href',
    `mailto:${customer.email ?? ''}`,
  );
  await expect(page.getByTestId('customer-reach').getByRole('link', { name: '+64 21 555 0160' })).toHaveAttribute(
    'href',
    'tel:+64215550160',
  );
  await expect(page.getByRole('button', { name: 'Merge duplicate…' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${customer.name}` });
  await dialog.getByLabel('Type').selectOption('fleet');
  await dialog.getByLabel('Segments').fill('repeat, e2e-fleet');
  await dialog.getByLabel('Tax id').fill('NZ-777');
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await dialog.getByLabel(/^Name/).nth(1).fill('Depot Lead');
  await dialog.getByLabel('Phone', { exact: true }).nth(1).fill('1234567');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  // A contact's number that is no phone number is explained under that contact's phone.
  await expect(dialog.getByText(/Contact 1's phone "1234567" is not a valid phone number/).first()).toBeVisible();
  await dialog.getByLabel('Phone', { exact: true }).nth(1).fill('+64 9 379 0101');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByText('Changes saved.')).toBeVisible();
  await expect(page.locator('[data-customer-type="fleet"]')).toHaveText('Fleet');
  await expect(page.getByRole('list', { name: 'Segments' })).toContainText('e2e-fleet');
  await expect(page.getByTestId('customer-reach')).toContainText('NZ-777');
  await expect(page.getByTestId('customer-contacts')).toContainText('Depot Lead');
  await expect(page.getByTestId('customer-contacts')).toContainText('+64 9 379 0101');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/customers-page.png`, fullPage: true });

  // The customer list filters by the segment; the order count opens the customer page.
  await page.getByRole('list', { name: 'Segments' }).getByRole('button', { name: 'e2e-fleet' }).click();
  const row = page.locator('tbody tr').filter({ hasText: customer.name });
  await expect(row).toHaveCount(1);
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await row.getByRole('link', { name: `1 orders of ${customer.name}` }).click();
  await expect(page.getByTestId('customer-name')).toHaveText(customer.name);
});

test('a Manager merges two duplicates: the warning shows on create, the merge moves the orders and the duplicate leaves the list', async ({
  page,
  request,
}) => {
  const api = await apiAs(request, 'manager');
  const tag = stamp();
  const email = `ruby.${tag}@example.com`;
  const kept = await api.send<CustomerView>('POST', '/customers', { name: `Ruby Okoro ${tag}`, email });
  const duplicate = await api.send<CustomerView>('POST', '/customers', {
    name: `RUBY OKORO ${tag}`,
    email: email.toUpperCase(),
    segments: ['repeat'],
    allowDuplicate: true,
  });
  const order = await api.send<Order>('POST', '/orders', { customerId: duplicate.id, currency: 'USD' });

  await signIn(page, 'manager', 'Mina Patel');
  // Creating a third record with the same e-mail is stopped with the duplicate warning.
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('button', { name: 'New customer' }).click();
  const create = page.getByRole('dialog', { name: 'New customer' });
  await create.getByLabel(/^Name/).fill(`Ruby O ${tag}`);
  await create.getByLabel('Email', { exact: true }).fill(email);
  await create.getByRole('button', { name: 'Add customer' }).click();
  const warning = create.getByTestId('duplicate-warning');
  await expect(warning).toContainText(`Possible duplicate of ${kept.name} — same email`);
  await expect(warning.getByRole('link', { name: `Open ${kept.name}`, exact: true })).toBeVisible();
  await expect(create.getByRole('button', { name: 'Create anyway' })).toBeVisible();
  await create.getByRole('button', { name: 'Cancel' }).click();

  await page.goto(`/#/customers/${kept.id}`);
  await expect(page.getByTestId('customer-name')).toHaveText(kept.name);
  await page.getByRole('button', { name: 'Merge duplicate…' }).click();
  const dialog = page.getByRole('dialog', { name: `Merge a duplicate into ${kept.name}` });
  await dialog.getByRole('option', { name: new RegExp(duplicate.name) }).click();
  const preview = dialog.getByTestId('merge-preview');
  await expect(preview).toContainText('1 order moves, with its payments');
  await expect(preview).toContainText(order.orderNumber);
  await expect(preview).toContainText('Segments: repeat');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/customers-merge.png` });
  await dialog.getByRole('button', { name: 'Merge customers' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByText(`Merged: 1 order moved to ${kept.name}.`)).toBeVisible();
  await expect(page.getByRole('link', { name: order.orderNumber })).toBeVisible();
  await expect(page.getByText(`Merged from ${duplicate.name}.`)).toBeVisible();
  const list = await api.get<{ items: { id: string }[] }>(`/customers?query=${encodeURIComponent(tag)}`);
  expect(list.items.map((c) => c.id)).toEqual([kept.id]);
});
