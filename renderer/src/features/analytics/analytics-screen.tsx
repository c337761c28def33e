// The managers' dashboard (#/analytics?…): filters in the URL, the figures (charts loaded lazily), a printable report; "Managers only" for anyone else.
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { hasPermission } from '../../../../core/auth/permissions';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { LockIcon, RefreshIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card, PageHeader } from '../../components/page-header';
import { Skeleton } from '../../components/skeleton';
import { formatDateTime, todayInputValue } from '../../format/dates';
import { useApiQuery } from '../../hooks/use-api-query';
import { useDashboardStore } from '../../stores/dashboard-store';
import { useSessionStore } from '../../stores/session-store';
import { DashboardFilterBar } from './dashboard-filter-bar';
import { type DashboardQuery, dashboardPathOf, dashboardQueryOf } from './dashboard-query';
import { DashboardReport } from './dashboard-report';
import { PrintActions } from './print-actions';

// recharts is big: it arrives with the charts, only when a manager opens the dashboard.
const DashboardCharts = lazy(() => import('./dashboard-charts'));

function ManagersOnly() {
  return (
    <>
      <PageHeader title="Analytics" />
      <Card>
        <EmptyState icon={<LockIcon className="size-5" />} title="Managers only">
          The dashboard shows every CSR&apos;s orders and money, so only Managers and Admins can open it. Ask a Manager if you need a figure
          from it.
        </EmptyState>
      </Card>
    </>
  );
}

function ChartsSkeleton() {
  return (
    <div className="grid grid-cols-1 gap-5 lg:grid-cols-2" aria-busy="true" aria-label="Loading the dashboard">
      {Array.from({ length: 4 }, (_, i) => (
        <Card key={i} className="p-5">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="mt-2 h-3 w-64" />
          <Skeleton className="mt-5 h-52 w-full" />
        </Card>
      ))}
    </div>
  );
}

/** Names for the filters written out in the report. */
function useFilterNames(query: DashboardQuery): Record<string, string> {
  const users = useApiQuery('users.list', {}, query.assigneeId !== '');
  const customer = useApiQuery('customers.get', { id: query.customerId }, query.customerId !== '');
  const names: Record<string, string> = {};
  for (const u of users.data?.items ?? []) names[u.id] = u.displayName;
  if (customer.data) names[query.customerId] = customer.data.name;
  return names;
}

function Dashboard() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const query = useMemo(() => dashboardQueryOf(search), [search]);
  const data = useDashboardStore((s) => s.data);
  const phase = useDashboardStore((s) => s.phase);
  const error = useDashboardStore((s) => s.error);
  const load = useDashboardStore((s) => s.load);
  const names = useFilterNames(query);
  const today = useMemo(() => new Date(), []);

  useEffect(() => {
    void load(query);
  }, [query, load]);
  useEffect(() => {
    useDashboardStore.setState({ watching: true });
    return () => useDashboardStore.setState({ watching: false });
  }, []);

  const change = (patch: Partial<DashboardQuery>) => navigate(dashboardPathOf({ ...query, ...patch }), { replace: true });
  const fieldErrors = error?.code === 'VALIDATION' ? error.fields : {};
  const loading = phase === 'loading';

  return (
    <>
      <div className="print:hidden">
        <PageHeader
          title="Analytics"
          subtitle={
            data ? (
              <span>
                Figures from this device&apos;s data, computed {formatDateTime(data.generatedAt)} ({data.timeZone})
              </span>
            ) : (
              'Orders, pipeline, cycle times, money and workload'
            )
          }
          actions={
            <div className="flex items-center gap-2 print:hidden">
              <Button icon={<RefreshIcon />} busy={loading} onClick={() => void load(query, true)}>
                Refresh
              </Button>
              <PrintActions pdfName={`portside-dashboard-${todayInputValue()}.pdf`} />
            </div>
          }
        />
      </div>

      <DashboardFilterBar query={query} onChange={change} errors={fieldErrors} today={today} />

      {error ? (
        <NoticeBanner
          tone="error"
          title={error.code === 'VALIDATION' ? 'These filters were not accepted.' : 'The dashboard could not be loaded.'}
          className="mb-5 print:hidden"
          action={
            error.code === 'VALIDATION' ? null : (
              <Button size="sm" onClick={() => void load(query, true)}>
                Try again
              </Button>
            )
          }
        >
          {error.message}
        </NoticeBanner>
      ) : null}

      {data ? (
        <>
          <div className={`print:hidden ${loading || error ? 'opacity-60 transition-opacity' : ''}`} aria-busy={loading}>
            <Suspense fallback={<ChartsSkeleton />}>
              <DashboardCharts data={data} query={query} />
            </Suspense>
          </div>
          <DashboardReport data={data} query={query} names={names} />
        </>
      ) : error ? null : (
        <ChartsSkeleton />
      )}
    </>
  );
}

export function AnalyticsScreen() {
  const allowed = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'analytics:read') : false));
  return allowed ? <Dashboard /> : <ManagersOnly />;
}
