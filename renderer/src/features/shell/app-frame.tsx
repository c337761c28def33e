// The signed-in frame: sidebar, the routed screen, shortcuts, live change events, and a check that a restored session is still good.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { callApi } from '../../api/api-call';
import { CustomerPage } from '../customers/customer-page';
import { CustomersScreen } from '../customers/customers-screen';
import { NewOrderScreen } from '../new-order/new-order-screen';
import { OrderViewScreen } from '../order-view/order-view-screen';
import { OrdersScreen } from '../orders/orders-screen';
import { PaymentReceiptScreen } from '../payments/payment-receipt-screen';
import { SyncScreen } from '../sync/sync-screen';
import { TemplatesScreen } from '../templates/templates-screen';
import { MyTasksScreen } from '../tasks/my-tasks-screen';
import { ToastViewport } from '../../components/toast-viewport';
import { VehiclesScreen } from '../vehicles/vehicles-screen';
import { AdminScreen } from '../admin/admin-screen';
import { ShortcutHelpDialog } from './shortcut-help-dialog';
import { Sidebar } from './sidebar';
import { useChangeEvents } from './use-change-events';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { FirstDownloadBanner } from './first-download-banner';
import { OfflineSessionBanner } from './offline-session-banner';

// Managers' screen with its own code (and recharts behind it): fetched on first visit, not with the app.
const AnalyticsScreen = lazy(() => import('../analytics/analytics-screen').then((m) => ({ default: m.AnalyticsScreen })));

export function AppFrame() {
  const [location] = useLocation();
  const main = useRef<HTMLElement>(null);
  useGlobalShortcuts();
  useChangeEvents();

  useEffect(() => {
    // A session restored from sessionStorage may have ended on the server; a 401 here signs out.
    callApi('auth.me', {}).catch(() => undefined);
  }, []);

  useEffect(() => {
    main.current?.scrollTo({ top: 0 });
  }, [location]);

  // The frame is exactly the window: the sidebar is a full-height column and only the main area scrolls (both ways,
  // as a last resort), so nothing on a screen can push the sidebar or the window sideways. Both are positioned so
  // that absolutely placed content (screen-reader-only labels) stays inside them instead of stretching the window.
  return (
    <div className="relative flex h-dvh overflow-hidden print:block print:h-auto print:overflow-visible">
      <a
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <Sidebar />
      <main
        ref={main}
        id="main"
        tabIndex={-1}
        className="relative min-w-0 flex-1 overflow-y-auto focus:outline-none print:overflow-visible"
      >
        <div className="mx-auto max-w-content px-page pt-7 pb-12 print:max-w-none print:p-0">
          <OfflineSessionBanner />
          <FirstDownloadBanner />
          <Switch>
            <Route path="/orders/new" component={NewOrderScreen} />
            <Route path="/orders/:id/payments/:paymentId/receipt">
              {(params) => <PaymentReceiptScreen key={params.paymentId} orderId={params.id} paymentId={params.paymentId} />}
            </Route>
            <Route path="/orders/:id">{(params) => <OrderViewScreen key={params.id} orderId={params.id} />}</Route>
            <Route path="/orders" component={OrdersScreen} />
            <Route path="/customers/:id">{(params) => <CustomerPage key={params.id} customerId={params.id} />}</Route>
            <Route path="/customers" component={CustomersScreen} />
            <Route path="/vehicles" component={VehiclesScreen} />
            <Route path="/sync" component={SyncScreen} />
            <Route path="/templates" component={TemplatesScreen} />
            <Route path="/tasks" component={MyTasksScreen} />
            <Route path="/admin" component={AdminScreen} />
            <Route path="/analytics">
              <Suspense fallback={<p className="text-body text-ink-subtle">Loading Analytics…</p>}>
                <AnalyticsScreen />
              </Suspense>
            </Route>
            <Route>
              <Redirect to="/orders" replace />
            </Route>
          </Switch>
        </div>
      </main>
      <ShortcutHelpDialog />
      <ToastViewport />
    </div>
  );
}
