// The dashboard slice: the newest filters win, the same filters are not fetched twice, a 400 keeps its field, and a change re-reads quietly.
import { describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import { type Dashboard, emptyStageRecord, emptyStatusRecord } from '../../core/domain/analytics';
import { type DashboardQuery, EMPTY_DASHBOARD_QUERY } from '../../renderer/src/features/analytics/dashboard-query';
import { createDashboardStore } from '../../renderer/src/stores/dashboard-slice';

function figures(drafts: number): Dashboard {
  return {
    filters: { staleDays: 14 },
    generatedAt: '2026-11-30T15:00:00.000Z',
    timeZone: 'UTC',
    ordersByStatus: { ...emptyStatusRecord(), Draft: drafts },
    pipeline: emptyStageRecord(),
    cycleTime: [],
    bottleneck: null,
    onTime: { completed: 0, withTarget: 0, onTime: 0, rate: null },
    weekly: [],
    monthlyMoney: [],
    outstanding: [],
    workload: [],
    quiet: { staleDays: 14, count: 0, items: [] },
  };
}

/** A fetch whose answers the test releases one by one, in any order. */
function controlledFetch() {
  const calls: { input: Partial<DashboardQuery>; answer(d: Dashboard): void; fail(e: unknown): void }[] = [];
  const fetch = (input: Partial<DashboardQuery>) =>
    new Promise<Dashboard>((resolve, reject) => calls.push({ input, answer: resolve, fail: reject }));
  return { calls, fetch };
}

const jpy: DashboardQuery = { ...EMPTY_DASHBOARD_QUERY, currency: 'JPY' };
const usd: DashboardQuery = { ...EMPTY_DASHBOARD_QUERY, currency: 'USD' };
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the dashboard slice', () => {
  it('sends only the filters given, and ignores an older answer that arrives after a newer one', async () => {
    const { calls, fetch } = controlledFetch();
    const store = createDashboardStore(fetch);
    void store.getState().load(jpy);
    void store.getState().load(usd);
    expect(calls.map((c) => c.input)).toEqual([{ currency: 'JPY' }, { currency: 'USD' }]);
    calls[1]?.answer(figures(2));
    await settle();
    calls[0]?.answer(figures(1));
    await settle();
    expect(store.getState()).toMatchObject({ phase: 'ready', data: { ordersByStatus: { Draft: 2 } } });
  });

  it('does not fetch the same filters again unless forced', async () => {
    const { calls, fetch } = controlledFetch();
    const store = createDashboardStore(fetch);
    void store.getState().load(jpy);
    calls[0]?.answer(figures(1));
    await settle();
    void store.getState().load({ ...jpy });
    expect(calls).toHaveLength(1);
    void store.getState().load(jpy, true);
    expect(calls).toHaveLength(2);
  });

  it('keeps the field a refusal names, and the previous figures, and tries again on the next load', async () => {
    const { calls, fetch } = controlledFetch();
    const store = createDashboardStore(fetch);
    void store.getState().load(jpy);
    calls[0]?.answer(figures(1));
    await settle();
    const reversed = { ...jpy, from: '2026-05-01', to: '2026-04-01' };
    void store.getState().load(reversed);
    calls[1]?.fail(
      new PortsideError('VALIDATION', 'from is after to: swap them.', {
        fields: { from: 'from (2026-05-01) is after to (2026-04-01): swap them.' },
      }),
    );
    await settle();
    expect(store.getState()).toMatchObject({
      phase: 'error',
      error: { code: 'VALIDATION', fields: { from: expect.stringContaining('swap them') } },
    });
    expect(store.getState().data?.ordersByStatus.Draft).toBe(1);
    void store.getState().load(reversed);
    expect(calls).toHaveLength(3);
  });

  it('re-reads the figures quietly after a change while on screen, and afresh on the next visit otherwise', async () => {
    const { calls, fetch } = controlledFetch();
    const store = createDashboardStore(fetch);
    store.setState({ watching: true });
    void store.getState().load(jpy);
    calls[0]?.answer(figures(1));
    await settle();
    void store.getState().changed();
    expect(store.getState().phase).toBe('ready');
    calls[1]?.answer(figures(5));
    await settle();
    expect(store.getState().data?.ordersByStatus.Draft).toBe(5);

    store.setState({ watching: false });
    void store.getState().changed();
    expect(calls).toHaveLength(2);
    void store.getState().load(jpy);
    expect(calls).toHaveLength(3);
  });
});
