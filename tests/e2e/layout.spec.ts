// End-to-end: on the smallest window and a common laptop screen, every table fits (headers apart and whole, cells unclipped, tables inside their cards) and only the main area scrolls.
import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';
import type { OrderSummary } from '../../core/domain/order';
import { apiAs, signIn } from './support/portside-pages';

const WINDOWS = [
  { width: 1024, height: 680 }, // about the smallest window the app allows (1024x640)
  { width: 1366, height: 768 }, // the most common CSR laptop screen
] as const;

// The e2e tsconfig runs in Node and has no DOM types: this is the little of the DOM the in-page measurements read.
interface Rect {
  readonly left: number;
  readonly right: number;
  readonly width: number;
}
interface MeasuredNode {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly parentElement: MeasuredNode | null;
  readonly firstElementChild: MeasuredNode | null;
  readonly childNodes: { readonly length: number };
  readonly ownerDocument: {
    readonly defaultView: { getComputedStyle(node: MeasuredNode): { overflowX: string; textOverflow: string } } | null;
    createRange(): { selectNodeContents(node: MeasuredNode): void; getBoundingClientRect(): Rect };
  };
  getBoundingClientRect(): Rect;
  getClientRects(): { readonly length: number };
  closest(selector: string): MeasuredNode | null;
  scrollTo(left: number, top: number): void;
  querySelectorAll(selector: string): Iterable<MeasuredNode>;
}

/** Everything wrong with the layout of the tables on screen, described for the failure message; empty when all fit. */
async function tableLayoutProblems(page: Page): Promise<string[]> {
  const inTables = await page.locator('main table').evaluateAll((tables: MeasuredNode[]) => {
    const problems: string[] = [];
    const shown = (node: MeasuredNode) => node.getClientRects().length > 0;
    const style = (node: MeasuredNode) => node.ownerDocument.defaultView?.getComputedStyle(node);
    // A label for screen readers only (`sr-only`, a 1px box) is not drawn, so it cannot run into anything.
    const drawnLabel = (head: MeasuredNode) =>
      !(head.childNodes.length === 1 && (head.firstElementChild?.getBoundingClientRect().width ?? 2) <= 1);
    const textBox = (node: MeasuredNode) => {
      const range = node.ownerDocument.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect();
    };
    // Header cells share a row, so only their horizontal extents can overlap; 1px allows for sub-pixel rounding.
    const overlap = (a: Rect, b: Rect) => a.left < b.right - 1 && b.left < a.right - 1;

    for (const table of tables) {
      const heads = [...table.querySelectorAll('thead th')].filter(shown);
      const names = heads.map((head) => head.textContent?.trim() || '(no label)');
      const title = `table [${names.join(' | ')}]`;
      heads.forEach((head, i) => {
        if (head.scrollWidth > head.clientWidth + 1) {
          problems.push(`${title}: header "${names[i]}" needs ${head.scrollWidth}px but its column is ${head.clientWidth}px`);
        }
        heads.slice(i + 1).forEach((other, j) => {
          const pair = `"${names[i]}" and "${names[i + 1 + j]}"`;
          if (overlap(head.getBoundingClientRect(), other.getBoundingClientRect())) problems.push(`${title}: header cells ${pair} overlap`);
          if (drawnLabel(head) && drawnLabel(other) && overlap(textBox(head), textBox(other)))
            problems.push(`${title}: header texts ${pair} overlap`);
        });
      });

      // A cell may cut its text with an ellipsis (a long name), but nothing may spill into the next cell.
      for (const cell of table.querySelectorAll('tbody td')) {
        if (shown(cell) && cell.scrollWidth > cell.clientWidth + 1 && style(cell)?.textOverflow !== 'ellipsis') {
          problems.push(`${title}: "${cell.textContent?.trim()}" needs ${cell.scrollWidth}px but its cell is ${cell.clientWidth}px`);
        }
      }

      // The table stays inside its card, unless the card (or a box in it) lets it scroll sideways.
      const card = table.closest('section') ?? table.parentElement;
      if (!card) continue;
      let visibleBox = table.getBoundingClientRect();
      for (let node = table.parentElement; node && node !== card.parentElement; node = node.parentElement) {
        const overflowX = style(node)?.overflowX;
        if ((overflowX === 'auto' || overflowX === 'scroll') && node.scrollWidth > node.clientWidth) {
          visibleBox = node.getBoundingClientRect();
          break;
        }
      }
      const cardBox = card.getBoundingClientRect();
      if (visibleBox.left < cardBox.left - 1 || visibleBox.right > cardBox.right + 1) {
        problems.push(
          `${title}: spans ${Math.round(visibleBox.left)}–${Math.round(visibleBox.right)}px, past its card at ` +
            `${Math.round(cardBox.left)}–${Math.round(cardBox.right)}px, and the card does not scroll sideways`,
        );
      }
    }
    return problems;
  });

  // Nothing else on the screen (a header's actions, a form) may push the window or the main area sideways.
  const sideways = await page
    .locator('html, main')
    .evaluateAll((nodes: MeasuredNode[]) =>
      nodes
        .filter((node) => node.scrollWidth > node.clientWidth + 1)
        .map((node) => `<${node.tagName.toLowerCase()}> scrolls sideways: ${node.scrollWidth}px of content in ${node.clientWidth}px`),
    );
  return [...inTables, ...sideways];
}

/** The window never scrolls, only the main area does: scrolled to its end, the sidebar still spans the window's height. */
async function windowProblems(page: Page): Promise<string[]> {
  await page.locator('main').evaluate((main: MeasuredNode) => main.scrollTo(0, main.scrollHeight));
  const problems = await page
    .locator('html')
    .evaluate((html: MeasuredNode) =>
      html.scrollHeight > html.clientHeight + 1 ? [`the window scrolls: ${html.scrollHeight}px of content in ${html.clientHeight}px`] : [],
    );
  const sidebar = await page.getByRole('complementary', { name: 'Main' }).boundingBox();
  const height = page.viewportSize()?.height;
  if (!sidebar || sidebar.y !== 0 || sidebar.height !== height) {
    problems.push(`the sidebar spans ${JSON.stringify(sidebar)}, not the window's full height (${height}px)`);
  }
  await page.locator('main').evaluate((main: MeasuredNode) => main.scrollTo(0, 0));
  return problems;
}

async function expectEveryTableToFit(page: Page, screen: string, loaded: Locator): Promise<void> {
  await test.step(screen, async () => {
    await expect(loaded).toBeVisible();
    // Soft: one run reports every screen that does not fit, not just the first.
    expect.soft(await tableLayoutProblems(page), `layout problems on the ${screen}`).toEqual([]);
    expect.soft(await windowProblems(page), `window problems on the ${screen}`).toEqual([]);
  });
}

/** An open order with the most vehicles the demo data has (at least three), so its vehicle rows show every action. */
async function orderWithSeveralVehicles(request: APIRequestContext): Promise<OrderSummary> {
  const api = await apiAs(request);
  const { items } = await api.get<{ items: OrderSummary[] }>('/orders?limit=100');
  const open = items.filter((order) => order.status === 'Confirmed' || order.status === 'In Progress');
  const order = open.sort((a, b) => b.totalVehicles - a.totalVehicles)[0];
  if (!order || order.totalVehicles < 3) throw new Error('The demo data has no open order with three or more vehicles.');
  return order;
}

for (const viewport of WINDOWS) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('every table fits its columns and its card: orders, an order with several vehicles, vehicles, customers, new order', async ({
      page,
      request,
    }) => {
      const order = await orderWithSeveralVehicles(request);
      await signIn(page);
      const listRows = page.locator('main tbody tr:not([aria-hidden="true"])');

      await expectEveryTableToFit(page, 'orders list', page.locator('tr[data-order-number]').first());

      await page.goto(`/#/orders/${order.id}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);
      await expect(page.locator('tr[data-vin]')).toHaveCount(order.totalVehicles);
      await expectEveryTableToFit(page, `order ${order.orderNumber}`, page.locator('tr[data-vin]').first());

      await page.getByRole('link', { name: 'Vehicles', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Vehicles', level: 1 })).toBeVisible();
      await expectEveryTableToFit(page, 'vehicles screen', listRows.first());

      await page.getByRole('link', { name: 'Customers', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
      await expectEveryTableToFit(page, 'customers screen', listRows.first());

      await page
        .getByRole('link', { name: /New order/ })
        .first()
        .click();
      await expect(page.getByText(/^\d+\+? available$/)).toBeVisible();
      await expectEveryTableToFit(page, 'new-order form', listRows.first());
    });
  });
}
