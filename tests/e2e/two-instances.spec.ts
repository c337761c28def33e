// Two browser-mode instances syncing through DynamoDB Local: an edit in one shows live in the other, and a conflict is resolved on the Sync screen.
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import type { Page as ListPage, Order, OrderSummary } from '../../core/domain/order';
import type { SyncStatus } from '../../core/domain/sync-status';
import { apiAs, DEMO_PASSWORD, signIn } from './support/portside-pages';
import { type Instance, startTwoInstances, type TwoInstances } from './support/two-instances';

/** Sync waits: generous, for a loaded two-core CI machine; every one waits on a condition, never on time alone. */
const SYNCED = { timeout: 30_000 };

let instances: TwoInstances;

test.beforeAll(async () => {
  // DynamoDB Local (Java), two servers and the first push of the demo data: more than one test's minute on a busy machine.
  test.setTimeout(180_000);
  instances = await startTwoInstances();
  const { a, b } = instances;
  // One instance wins the demo claim and pushes the demo data; the other pulls it. Both hold the same orders once idle.
  await expect
    .poll(
      async () => {
        const [sa, sb] = await Promise.all([syncStatus(a), syncStatus(b)]);
        if (!sa.bootstrapped || !sb.bootstrapped || sa.pending > 0 || sb.pending > 0) return 'syncing';
        const [oa, ob] = await Promise.all([orderIds(a), orderIds(b)]);
        return oa.length > 0 && oa.join() === ob.join() ? 'same' : 'different';
      },
      { message: 'the demo data on both instances', timeout: 150_000, intervals: [500] },
    )
    .toBe('same');
});

test.afterAll(async () => {
  await instances?.stop();
});

/** One admin session per instance for the test's own reads: every sign-in is an audited change that syncs, so not one per poll. */
const adminTokens = new Map<Instance, Promise<string>>();

function adminToken(instance: Instance): Promise<string> {
  let token = adminTokens.get(instance);
  if (!token) {
    token = (async () => {
      const login = await fetch(`${instance.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      });
      if (!login.ok) throw new Error(`sign-in on ${instance.name}: ${login.status} ${await login.text()}`);
      return ((await login.json()) as { token: string }).token;
    })();
    token.catch(() => adminTokens.delete(instance));
    adminTokens.set(instance, token);
  }
  return token;
}

/** A call to one instance's HTTP API as its admin. */
async function signedFetch<T>(instance: Instance, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const token = await adminToken(instance);
  const res = await fetch(`${instance.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} on ${instance.name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const syncStatus = (instance: Instance): Promise<SyncStatus> => signedFetch<SyncStatus>(instance, '/sync/status');
const syncNow = (instance: Instance): Promise<unknown> => signedFetch(instance, '/sync/run', { method: 'POST', body: {} });

async function orderIds(instance: Instance): Promise<string[]> {
  const page = await signedFetch<ListPage<OrderSummary>>(instance, '/orders?limit=100');
  return page.items.map((o) => o.id).sort();
}

interface Csr {
  context: BrowserContext;
  page: Page;
  api: Awaited<ReturnType<typeof apiAs>>;
}

/** A CSR signed in to one instance in a browser context of their own (its base URL is that instance). */
async function csrOn(browser: Browser, instance: Instance, username: string, displayName: string): Promise<Csr> {
  const context = await browser.newContext({ baseURL: instance.url });
  const page = await context.newPage();
  await signIn(page, username, displayName);
  return { context, page, api: await apiAs(context.request as APIRequestContext, username) };
}

/** An open order both instances hold that no other test of this file touches. */
async function openOrder(api: Csr['api'], skip: string[] = []): Promise<Order> {
  const list = await api.get<ListPage<OrderSummary>>('/orders?status=Confirmed&limit=50');
  const summary = list.items.find((o) => !skip.includes(o.id));
  if (!summary) throw new Error('The demo data has no Confirmed order left for this test.');
  return api.get<Order>(`/orders/${summary.id}`);
}

/** Orders a test edited: the next one picks another (the instances live for the whole file). */
let usedOrders: string[] = [];

test('an edit saved in instance A shows live in instance B, without losing what the CSR in B is typing', async ({ browser }) => {
  const { a, b } = instances;
  const casey = await csrOn(browser, a, 'csr', 'Casey Morgan');
  const mina = await csrOn(browser, b, 'manager', 'Mina Patel');
  const order = await openOrder(casey.api, usedOrders);
  usedOrders = [...usedOrders, order.id];

  // Mina (B) has the order open and is writing notes in its Edit details dialog, not saved yet.
  await mina.page.goto(`/#/orders/${order.id}`);
  await expect(mina.page.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);
  await mina.page.getByRole('button', { name: 'Edit details' }).click();
  const dialogB = mina.page.getByRole('dialog');
  const typing = `Customer asked to ship together (${randomUUID().slice(0, 8)})`;
  const notesB = dialogB.getByLabel('Notes for the team');
  await notesB.fill(typing);

  // Casey (A) moves the target date on the same order in A's own Edit details dialog.
  await casey.page.goto(`/#/orders/${order.id}`);
  await casey.page.getByRole('button', { name: 'Edit details' }).click();
  const dialogA = casey.page.getByRole('dialog');
  await dialogA.getByLabel('Estimated completion').fill('2031-03-14');
  await dialogA.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialogA).toBeHidden();
  await expect(casey.page.getByTestId('order-target-date')).toHaveText('14 Mar 2031');

  // B shows it without a reload: the page behind the dialog and the dialog's untouched date field follow the order...
  await expect(mina.page.getByTestId('order-target-date')).toHaveText('14 Mar 2031', SYNCED);
  await expect(dialogB.getByLabel('Estimated completion')).toHaveValue('2031-03-14');
  await expect(mina.page.getByText(`last change by Casey Morgan`)).toBeVisible();
  // ...while what Mina typed is still there, and she is still typing in it.
  await expect(notesB).toHaveValue(typing);
  await expect(notesB).toBeFocused();
  await notesB.press('End');
  await notesB.pressSequentially('.');

  // Her save is on top of Casey's change (no "someone else changed it" refusal), and it reaches A live too.
  await dialogB.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialogB).toBeHidden();
  await expect(mina.page.getByText(`${typing}.`)).toBeVisible();
  await expect(casey.page.getByText(`${typing}.`)).toBeVisible(SYNCED);
  await expect(casey.page.getByTestId('order-target-date')).toHaveText('14 Mar 2031');

  await casey.context.close();
  await mina.context.close();
});

test('both instances edit the same notes offline; B sees the conflict side by side, keeps its own, and A ends with it', async ({
  browser,
}, testInfo) => {
  const { a, b } = instances;
  const casey = await csrOn(browser, a, 'csr', 'Casey Morgan');
  const mina = await csrOn(browser, b, 'manager', 'Mina Patel');
  const order = await openOrder(casey.api, usedOrders);
  usedOrders = [...usedOrders, order.id];
  const tag = randomUUID().slice(0, 8);
  const caseyNotes = `Deliver to the Napier yard on Monday (${tag}).`;
  const minaNotes = `Customer collects from the port on Tuesday (${tag}).`;
  await casey.page.goto(`/#/orders/${order.id}`);
  await expect(casey.page.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);

  // Both laptops lose the network; each CSR edits the same order's notes.
  await Promise.all([a.link.cut(), b.link.cut()]);
  await casey.api.send('PUT', `/orders/${order.id}`, { version: order.version, notes: caseyNotes });
  const minaBefore = await mina.api.get<Order>(`/orders/${order.id}`);
  expect(minaBefore.version, 'both start from the same version').toBe(order.version);
  await mina.api.send('PUT', `/orders/${order.id}`, { version: minaBefore.version, notes: minaNotes });

  // A is back first and sends its notes; then B is back, its push is refused, and the merge records a conflict.
  await a.link.restore();
  await syncNow(a);
  await expect.poll(async () => (await syncStatus(a)).pending, { ...SYNCED, message: 'A sent its edit' }).toBe(0);
  await b.link.restore();
  await syncNow(b);
  await expect.poll(async () => (await syncStatus(b)).conflicts, { ...SYNCED, message: 'B recorded the conflict' }).toBe(1);

  await mina.page.goto('/#/sync');
  const card = mina.page.getByTestId('conflict-card').filter({ hasText: order.orderNumber });
  await expect(card.getByTestId('conflict-mine')).toHaveText(minaNotes);
  await expect(card.getByTestId('conflict-theirs')).toHaveText(caseyNotes);
  await expect(card).toContainText('Mina Patel');
  await expect(card).toContainText('Casey Morgan');
  await mina.page.screenshot({ path: testInfo.outputPath('sync-screen-conflict.png'), fullPage: true });

  await card.getByRole('button', { name: 'Keep mine' }).click();
  await expect(mina.page.getByTestId('sync-feedback')).toContainText('Your value was kept');
  await expect(card).toBeHidden();
  await expect(mina.page.getByRole('region', { name: /Conflicts/ }).getByText('No conflicts')).toBeVisible();
  await mina.page.screenshot({ path: testInfo.outputPath('sync-screen-resolved.png'), fullPage: true });

  // The resolution syncs: A's open order shows Mina's notes live, and neither side has a conflict left.
  await expect(casey.page.getByText(minaNotes)).toBeVisible(SYNCED);
  await expect(casey.page.getByText(caseyNotes)).toBeHidden();
  await expect.poll(async () => (await syncStatus(a)).conflicts, SYNCED).toBe(0);
  await expect(mina.page.getByTestId('sync-pending')).toHaveText('0 changes', SYNCED);

  await casey.context.close();
  await mina.context.close();
});
