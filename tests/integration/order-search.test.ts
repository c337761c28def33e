// Order search (migration 002's trigram indexes): finds orders by number, customer, VIN and model, and stays in step with every write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../core/domain/customer';
import type { Order, OrderSummary, Page } from '../../core/domain/order';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { createCustomer, createOrder, createVehicle } from '../support/fixtures';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function search(query: string, extra = ''): Promise<string[]> {
  const page = expectOk(await api.call<Page<OrderSummary>>('GET', `/orders?query=${encodeURIComponent(query)}${extra}`));
  return page.items.map((o) => o.orderNumber);
}

describe('searching orders', () => {
  it('finds an order by part of its number, its customer, a VIN fragment and a model, in any case', async () => {
    const customer = await createCustomer(api, { name: 'Wiremu Tawhiri', company: 'Harbourside Motors' });
    const vehicle = await createVehicle(api, { vin: 'ZVW30-7654321', make: 'Toyota', model: 'Prius Alpha' });
    const order = await createOrder(api, { customerId: customer.id, vehicles: [{ vehicleId: vehicle.id, price: 500_000 }] });
    for (const query of [order.orderNumber.slice(-5), 'wiremu', 'HARBOURSIDE', '7654321', 'prius alpha', 'zvw30-76']) {
      expect(await search(query), query).toContain(order.orderNumber);
    }
    expect(await search('lamborghini')).toEqual([]);
  });

  it('follows a customer rename: the new name finds the order, the old one no longer does', async () => {
    const customer = await createCustomer(api, { name: 'Aroha Kingi' });
    const order = await createOrder(api, { customerId: customer.id });
    expect(await search('kingi')).toContain(order.orderNumber);
    expectOk(await api.call<Customer>('PUT', `/customers/${customer.id}`, { version: customer.version, name: 'Aroha Ngāwai' }));
    expect(await search('kingi')).not.toContain(order.orderNumber);
    expect(await search('ngāwai')).toContain(order.orderNumber);
  });

  it('forgets a removed vehicle and learns an added one', async () => {
    const first = await createVehicle(api, { vin: 'NHP10-1112223', model: 'Aqua' });
    const second = await createVehicle(api, { vin: 'GK3-4445556', make: 'Honda', model: 'Fit' });
    const order = await createOrder(api, { vehicles: [{ vehicleId: first.id, price: 100_000 }] });
    expect(await search('1112223')).toContain(order.orderNumber);
    const added = expectOk(
      await api.call<Order>('POST', `/orders/${order.id}/vehicles`, { version: order.version, vehicleId: second.id, price: 90_000 }),
      201,
    );
    expectOk(await api.call<Order>('DELETE', `/orders/${order.id}/vehicles/${first.id}?version=${added.version}`));
    expect(await search('1112223')).not.toContain(order.orderNumber);
    expect(await search('4445556')).toContain(order.orderNumber);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const order = await createOrder(api, { notes: 'x' });
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    expect(await search(order.orderNumber)).toEqual([order.orderNumber]);
  });

  it('combines search with the status filter and pages with the cursor', async () => {
    const customer = await createCustomer(api, { name: 'Pagewell Trading' });
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) numbers.push((await createOrder(api, { customerId: customer.id })).orderNumber);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = `&status=Draft&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page<OrderSummary> = expectOk(await api.call<Page<OrderSummary>>('GET', `/orders?query=pagewell${suffix}`));
      seen.push(...page.items.map((o) => o.orderNumber));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...numbers].reverse());
    expect(await search('pagewell', '&status=Confirmed')).toEqual([]);
  });
});
