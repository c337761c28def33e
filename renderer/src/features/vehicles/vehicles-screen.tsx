// Vehicles screen: a searchable list of vehicles with their import stage and the open order holding them.
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { formatMoney } from '../../../../core/domain/money';
import { StageChip } from '../../components/badges';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { VehiclesIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card, PageHeader } from '../../components/page-header';
import { SearchInput } from '../../components/search-input';
import { SkeletonRows } from '../../components/skeleton';
import { formatDate } from '../../format/dates';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { routes } from '../../routes';
import { useVehiclesStore } from '../../stores/vehicles-store';

const HEAD = 'px-4 py-2.5 text-left text-caption font-semibold tracking-wide text-ink-subtle uppercase';

export function VehiclesScreen() {
  const filter = useVehiclesStore((s) => s.filter);
  const items = useVehiclesStore((s) => s.items);
  const phase = useVehiclesStore((s) => s.phase);
  const hasLoaded = useVehiclesStore((s) => s.hasLoaded);
  const error = useVehiclesStore((s) => s.error);
  const nextCursor = useVehiclesStore((s) => s.nextCursor);
  const loadingMore = useVehiclesStore((s) => s.loadingMore);
  const setFilter = useVehiclesStore((s) => s.setFilter);
  const load = useVehiclesStore((s) => s.load);
  const loadMore = useVehiclesStore((s) => s.loadMore);
  const [text, setText] = useState(filter.query);
  const query = useDebouncedValue(text, 250);

  useEffect(() => {
    const state = useVehiclesStore.getState();
    if (state.hasLoaded) void state.refresh();
    else void state.load();
  }, []);

  useEffect(() => {
    if (query !== useVehiclesStore.getState().filter.query) setFilter({ query });
  }, [query, setFilter]);

  return (
    <>
      <PageHeader title="Vehicles" subtitle="Every imported vehicle, where it is in the import process, and its order." />
      <div className="mb-4 flex items-center justify-between gap-4">
        <label className="inline-flex cursor-pointer items-center gap-2 text-body text-ink">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={filter.availableOnly}
            onChange={(e) => setFilter({ availableOnly: e.target.checked })}
          />
          Only vehicles in no open order
        </label>
        <SearchInput
          value={text}
          onChange={setText}
          label="Search vehicles"
          placeholder="VIN, make, model, year or colour"
          shortcut
          className="w-full max-w-sm"
        />
      </div>
      {phase === 'error' && error ? (
        <NoticeBanner
          tone="error"
          className="mb-4"
          action={
            <Button size="sm" onClick={() => void load()}>
              Try again
            </Button>
          }
        >
          {error}
        </NoticeBanner>
      ) : null}
      <Card className="overflow-clip">
        {phase === 'ready' && items.length === 0 ? (
          <EmptyState icon={<VehiclesIcon className="size-5" />} title="No vehicles match">
            Try another search{filter.availableOnly ? ', or include vehicles already in orders' : ''}.
          </EmptyState>
        ) : (
          <table className="w-full table-fixed border-collapse text-body">
            <colgroup>
              <col className="w-[11.5rem]" />
              <col />
              <col className="w-[7.5rem]" />
              <col className="w-[10.5rem]" />
              <col className="w-[7.5rem]" />
              <col className="w-[9rem]" />
              <col className="w-[9rem]" />
            </colgroup>
            <thead className="sticky top-0 border-b border-line bg-surface-muted">
              <tr>
                <th scope="col" className={HEAD}>
                  VIN / chassis
                </th>
                <th scope="col" className={HEAD}>
                  Vehicle
                </th>
                <th scope="col" className={HEAD}>
                  Colour
                </th>
                <th scope="col" className={HEAD}>
                  Stage
                </th>
                <th scope="col" className={HEAD}>
                  ETA
                </th>
                <th scope="col" className={`${HEAD} text-right`}>
                  Purchase price
                </th>
                <th scope="col" className={HEAD}>
                  Open order
                </th>
              </tr>
            </thead>
            <tbody className={phase === 'loading' && hasLoaded ? 'opacity-55' : ''}>
              {!hasLoaded ? (
                <SkeletonRows rows={10} columns={7} rowClass="h-12" />
              ) : (
                items.map((v) => (
                  <tr key={v.id} className="h-12 border-b border-line last:border-0">
                    <td className="px-4 font-mono text-body-sm font-medium text-ink">{v.vin}</td>
                    <td className="truncate px-4 text-ink">
                      {v.year} {v.make} {v.model}
                      {v.originCountry ? <span className="text-ink-subtle"> · {v.originCountry}</span> : null}
                    </td>
                    <td className="truncate px-4 text-ink-muted">{v.colour ?? '—'}</td>
                    <td className="px-4">
                      <StageChip stage={v.stage} />
                    </td>
                    <td className="tabular px-4 text-ink-muted">{v.stage === 'delivered' ? '—' : formatDate(v.etaDelivery)}</td>
                    <td className="tabular px-4 text-right text-ink-muted">
                      {v.purchasePrice !== null && v.currency ? formatMoney(v.purchasePrice, v.currency) : '—'}
                    </td>
                    <td className="px-4">
                      {v.openOrder ? (
                        <Link href={routes.order(v.openOrder.orderId)} className="tabular font-medium text-primary hover:underline">
                          {v.openOrder.orderNumber}
                        </Link>
                      ) : (
                        <span className="text-body-sm text-ink-subtle">Available</span>
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        )}
      </Card>
      {nextCursor ? (
        <div className="mt-4 flex justify-end">
          <Button onClick={() => void loadMore()} busy={loadingMore}>
            Load more
          </Button>
        </div>
      ) : null}
    </>
  );
}
