// What the e2e tests do the way a CSR does it (sign in, open screens), plus API calls for setting up data quickly.
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import type { Order } from '../../../core/domain/order';
import type { Vehicle } from '../../../core/domain/vehicle';

export const DEMO_PASSWORD = 'portside-demo';

/** Signs in through the sign-in screen and waits for the app frame. */
export async function signIn(page: Page, username = 'csr', displayName = 'Casey Morgan'): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await expect(page.getByLabel('Username')).toHaveValue(username);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The first sign-in of a run can be slow on a cold, busy machine (CI, 2 cores): allow for it, and when the screen
  // says why it did not sign in, fail with that message rather than with "element not found".
  const frame = page.getByTestId('signed-in-user');
  const refusal = page.getByRole('alert');
  await expect(frame.or(refusal)).toBeVisible({ timeout: 30_000 });
  if (await refusal.isVisible()) throw new Error(`Sign-in as ${username} was refused: ${await refusal.innerText()}`);
  await expect(frame).toHaveText(displayName);
}

/** A signed-in API client for test set-up (the same REST API the renderer uses in browser mode). */
export async function apiAs(request: APIRequestContext, username = 'csr') {
  const login = await request.post('/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  return {
    async get<T>(path: string): Promise<T> {
      const res = await request.get(path, { headers });
      expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
      return (await res.json()) as T;
    },
    async send<T>(method: 'POST' | 'PUT', path: string, data: unknown): Promise<T> {
      const res = await request.fetch(path, { method, headers, data });
      expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true);
      return (await res.json()) as T;
    },
  };
}

/**
 * A confirmed order for the first demo customer holding `count` vehicles of make `query` priced in JPY: available
 * demo vehicles first, then freshly registered ones (every spec shares one demo server, so the pool runs low).
 */
export async function createConfirmedOrder(request: APIRequestContext, query: string, count: number): Promise<Order> {
  const api = await apiAs(request);
  const customers = await api.get<{ items: { id: string }[] }>('/customers?limit=1');
  const customer = customers.items[0];
  if (!customer) throw new Error('The demo data has no customers.');
  const vehicles = await api.get<{ items: Vehicle[] }>(`/vehicles?available=true&limit=100&query=${encodeURIComponent(query)}`);
  const picked = vehicles.items.filter((v) => v.currency === 'JPY' && v.purchasePrice !== null).slice(0, count);
  while (picked.length < count) {
    // A Japanese chassis number needs no check digit; the random serial keeps it unique on the shared server.
    const vin = `NHP10-${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
    picked.push(
      await api.send<Vehicle>('POST', '/vehicles', {
        vin,
        make: query,
        model: 'Import',
        year: 2019,
        purchasePrice: 900_000,
        currency: 'JPY',
      }),
    );
  }
  expect(picked, `JPY vehicles of make "${query}"`).toHaveLength(count);
  const draft = await api.send<Order>('POST', '/orders', {
    customerId: customer.id,
    currency: 'JPY',
    vehicles: picked.map((v) => ({ vehicleId: v.id })),
  });
  return api.send<Order>('PUT', `/orders/${draft.id}`, { version: draft.version, status: 'Confirmed' });
}

/** A Draft order with no customer (as the API allows) holding one available vehicle that matches `query`, at its purchase price. */
export async function createDraftWithoutCustomer(request: APIRequestContext, query: string): Promise<Order> {
  const api = await apiAs(request);
  const vehicles = await api.get<{ items: Vehicle[] }>(`/vehicles?available=true&limit=100&query=${encodeURIComponent(query)}`);
  const vehicle = vehicles.items.find((v) => v.currency !== null && v.purchasePrice !== null);
  if (!vehicle?.currency) throw new Error(`No available vehicle with a purchase price matches "${query}".`);
  return api.send<Order>('POST', '/orders', { currency: vehicle.currency, vehicles: [{ vehicleId: vehicle.id }] });
}
