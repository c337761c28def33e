// End-to-end: a CSR adds a customer, registers a vehicle and completes a customer-less Draft through "Edit details".
import { expect, test } from '@playwright/test';
import { createDraftWithoutCustomer, signIn } from './support/portside-pages';

const VALID_VIN = '1HGCM82633A004352';
/** The valid VIN with its last character mistyped: position 9 no longer matches. */
const MISTYPED_VIN = '1HGCM82633A004353';

test('a CSR adds a customer from the Customers screen; a bad email is explained next to the field and nothing typed is lost', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'New customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'New customer' });
  await expect(dialog).toBeVisible();
  const name = dialog.getByLabel(/^Name/);
  await expect(name).toBeFocused();

  await name.fill('Mereana Tait');
  await dialog.getByLabel('Company').fill('Tait Logistics');
  const email = dialog.getByLabel('Email', { exact: true });
  await email.fill('mereana@tait');
  await dialog.getByLabel('Phone').fill('+64 21 555 0199');
  await dialog.getByLabel('Preferred channel').selectOption('whatsapp');
  await dialog.getByLabel('Notes').fill('Prefers WhatsApp after 4 pm.');
  await dialog.getByRole('button', { name: 'Add customer' }).click();

  // The API's message sits under the email field; everything typed is still there.
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Email must be a valid address, e.g. name@example.com.');
  await expect(dialog.getByText('Email must be a valid address, e.g. name@example.com.')).toBeVisible();
  await expect(name).toHaveValue('Mereana Tait');
  await expect(dialog.getByLabel('Company')).toHaveValue('Tait Logistics');
  await expect(dialog.getByLabel('Preferred channel')).toHaveValue('whatsapp');

  // Fixing the field clears its message; Enter saves.
  await email.fill('mereana@tait.co.nz');
  await expect(dialog.getByText('Email must be a valid address')).toHaveCount(0);
  await email.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Mereana Tait was added.')).toBeVisible();

  await page.getByRole('button', { name: 'Show in list' }).click();
  const row = page.locator('tbody tr').filter({ hasText: 'Mereana Tait' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Tait Logistics');
  await expect(row).toContainText('mereana@tait.co.nz');
  await expect(row).toContainText('+64 21 555 0199');
});

test('registering a vehicle explains a mistyped VIN on the VIN field, then registers the corrected one once', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Vehicles', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Vehicles', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Register vehicle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Register vehicle' });
  await expect(dialog).toBeVisible();
  const vin = dialog.getByLabel(/^VIN or chassis number/);
  await expect(vin).toBeFocused();

  await vin.fill(MISTYPED_VIN);
  await dialog.getByLabel(/^Make/).fill('Honda');
  await dialog.getByLabel(/^Model/).fill('Accord');
  await dialog.getByLabel(/^Year/).fill('2003');
  await dialog.getByLabel('Colour').fill('Silver');
  await dialog.getByLabel('Origin country').fill('United States');
  await dialog.getByLabel('Origin port').fill('Baltimore');
  await dialog.getByLabel('Purchase price').fill('8,500.00');
  await dialog.getByLabel('Currency').selectOption('USD');
  await dialog.getByRole('button', { name: 'Register vehicle' }).click();

  const checkDigit = `VIN "${MISTYPED_VIN}" fails its check digit (position 9 should be 5): check for a mistyped character.`;
  await expect(vin).toHaveAttribute('aria-invalid', 'true');
  await expect(vin).toHaveAccessibleDescription(checkDigit);
  await expect(dialog.getByText(checkDigit)).toBeVisible();
  await expect(dialog.getByLabel(/^Model/)).toHaveValue('Accord');
  await expect(dialog.getByLabel('Purchase price')).toHaveValue('8,500.00');

  await vin.fill(VALID_VIN);
  await dialog.getByRole('button', { name: 'Register vehicle' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Registered' })).toContainText(`Registered ${VALID_VIN} · 2003 Honda Accord.`);

  await page.getByRole('button', { name: 'Show in list' }).click();
  const row = page.locator('tbody tr').filter({ hasText: VALID_VIN });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('2003 Honda Accord');
  await expect(row).toContainText('$8,500.00');
  await expect(row).toContainText('Available');

  // The same VIN again: the 409 names the vehicle that has it, on the VIN field; Esc closes.
  await page.getByRole('button', { name: 'Register vehicle' }).click();
  await expect(dialog).toBeVisible();
  await vin.fill(VALID_VIN.toLowerCase());
  await dialog.getByLabel(/^Make/).fill('Honda');
  await dialog.getByLabel(/^Model/).fill('Accord');
  await dialog.getByLabel(/^Year/).fill('2003');
  await dialog.getByLabel(/^Year/).press('Enter');
  await expect(vin).toHaveAccessibleDescription(`Vehicle ${VALID_VIN} is already registered (2003 Honda Accord).`);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a Draft created without a customer gets one through "Edit details" and can then be confirmed', async ({ page, request }) => {
  const draft = await createDraftWithoutCustomer(request, 'Mazda');
  await signIn(page);
  await page.goto(`/#/orders/${draft.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(draft.orderNumber);
  await expect(page.getByTestId('order-customer')).toHaveText('No customer yet');

  // Confirming is refused until the order has a customer.
  await page.getByRole('button', { name: 'Confirm order' }).click();
  await expect(page.getByRole('alert')).toContainText(`Order ${draft.orderNumber} cannot be confirmed yet: it needs a customer.`);
  await page.getByRole('button', { name: 'Dismiss' }).click();

  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: `Edit details of ${draft.orderNumber}` });
  await expect(dialog).toBeVisible();
  const search = dialog.getByRole('searchbox', { name: 'Search customers' });
  await expect(search).toBeFocused();
  // The order holds a vehicle priced in its currency: the currency stays as it is.
  await expect(dialog.getByLabel('Order currency')).toBeDisabled();
  await expect(dialog.getByText(`Fixed while the order holds vehicles priced in ${draft.currency}.`)).toBeVisible();

  await search.fill('Sofia');
  const choice = dialog.getByRole('button', { name: /^Choose Sofia/ }).first();
  await expect(choice).toBeVisible();
  const customer = (await choice.locator('span span').first().innerText()).trim();
  await choice.click();
  await expect(dialog.getByTestId('picked-customer')).toContainText(customer);
  await dialog.getByLabel('Estimated completion').fill('2027-03-31');
  await dialog.getByLabel('Notes for the team').fill('Customer collects from the Auckland yard.');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId('order-customer')).toHaveText(customer);
  await expect(page.getByText('Customer collects from the Auckland yard.')).toBeVisible();
  await expect(page.locator('dt', { hasText: 'Target date' }).locator('xpath=following-sibling::dd')).toHaveText('31 Mar 2027');

  await page.getByRole('button', { name: 'Confirm order' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed');
  await expect(page.getByRole('button', { name: 'Confirm order' })).toHaveCount(0);
});
