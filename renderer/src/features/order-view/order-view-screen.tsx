// Order screen: header, progress, vehicles, analytics and history tabs, the order's actions and dialogs (none that a frozen order refuses), and the conflict banner.
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { Order, OrderVehicle } from '../../../../core/domain/order';
import { hasPermission } from '../../../../core/auth/permissions';
import { canChangeVehicles, isOpenStatus } from '../../../../core/domain/order-rules';
import type { ErrorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import {
  ArrowLeftIcon,
  BanIcon,
  ChartIcon,
  ChatIcon,
  CheckIcon,
  HistoryIcon,
  LockIcon,
  PencilIcon,
  PlusIcon,
  RefreshIcon,
  VehiclesIcon,
} from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card } from '../../components/page-header';
import { Skeleton } from '../../components/skeleton';
import { routes } from '../../routes';
import { useOrderViewStore } from '../../stores/order-view-store';
import { useSessionStore } from '../../stores/session-store';
import { PaymentStatusBadge } from '../payments/payment-status-badge';
import { PaymentsIcon } from '../payments/payments-icon';
import { PaymentsPanel } from '../payments/payments-panel';
import { OrderFollowControls } from '../notifications/order-follow-controls';
import { OrderTasksPanel } from '../tasks/order-tasks-panel';
import { AddVehicleDialog } from './add-vehicle-dialog';
import { CancelOrderDialog } from './cancel-order-dialog';
import { ChangePriceDialog } from './change-price-dialog';
import { ActivityPanel } from '../communication/activity-panel';
import { ConflictNotice } from './conflict-notice';
import { EditOrderDialog } from './edit-order-dialog';
import { ORDER_FACTS_GRID, OrderHeader } from './order-header';
import { OrderHistory } from './order-history';
import { OrderProgressPanel } from './order-progress-panel';
import { TemplatePicker } from '../templates/template-picker';
import { OrderVehiclesTable } from './order-vehicles-table';
import { RecordStageDialog } from './record-stage-dialog';
import { RemoveVehicleDialog } from './remove-vehicle-dialog';
import { RetractStageDialog } from './retract-stage-dialog';

// The Analytics tab's code arrives when the tab is first opened.
const OrderAnalyticsPanel = lazy(() => import('../analytics/order-analytics-panel').then((m) => ({ default: m.OrderAnalyticsPanel })));

type OpenDialog =
  | { kind: 'edit' }
  | { kind: 'cancel' }
  | { kind: 'add' }
  | { kind: 'remove'; vehicle: OrderVehicle }
  | { kind: 'stage'; vehicle: OrderVehicle }
  | { kind: 'retract'; vehicle: OrderVehicle }
  | { kind: 'price'; vehicle: OrderVehicle }
  | null;
type Tab = 'vehicles' | 'activity' | 'payments' | 'tasks' | 'analytics' | 'history';

function BackLink() {
  return (
    <Link href={routes.orders} className="inline-flex items-center gap-1.5 text-body-sm font-medium text-ink-muted hover:text-ink">
      <ArrowLeftIcon className="size-4" />
      Orders
    </Link>
  );
}

function OrderSkeleton() {
  return (
    <div className="space-y-5" aria-busy="true" aria-label="Loading order">
      <Card className="@container p-6">
        <Skeleton className="h-3 w-16" />
        <Skeleton className="mt-2 h-8 w-64" />
        <Skeleton className="mt-3 h-4 w-96" />
        <div className={`mt-6 grid gap-x-8 gap-y-4 border-t border-line pt-5 ${ORDER_FACTS_GRID}`}>
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i}>
              <Skeleton className="h-3 w-16" />
              <Skeleton className="mt-2 h-4 w-28 max-w-full" />
            </div>
          ))}
        </div>
      </Card>
      <Card className="h-48 p-6">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="mt-4 h-2.5 w-full" />
      </Card>
    </div>
  );
}

export function OrderViewScreen({ orderId }: { orderId: string }) {
  const open = useOrderViewStore((s) => s.open);
  const order = useOrderViewStore((s) => (s.orderId === orderId ? s.order : null));
  const phase = useOrderViewStore((s) => s.phase);
  const loadError = useOrderViewStore((s) => s.loadError);
  const conflict = useOrderViewStore((s) => s.conflict);
  const audit = useOrderViewStore((s) => s.audit);
  const auditPhase = useOrderViewStore((s) => s.auditPhase);
  const auditError = useOrderViewStore((s) => s.auditError);
  const loadAudit = useOrderViewStore((s) => s.loadAudit);
  const confirm = useOrderViewStore((s) => s.confirm);
  const reloadAfterConflict = useOrderViewStore((s) => s.reloadAfterConflict);
  const mayReopen = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'orders:reopen') : false));
  // A CSR cancels a Draft only; once something was promised to the customer, a Manager cancels.
  const mayCancelConfirmed = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'orders:cancel') : false));
  const mayReadPayments = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'payments:read') : false));

  const [tab, setTab] = useState<Tab>('vehicles');
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<ErrorDetails | null>(null);
  /** What the last correction on this order did (a retraction, a new price), until dismissed or the next dialog opens. */
  const [doneOn, setDoneOn] = useState<{ orderId: string; message: string } | null>(null);
  const done = doneOn?.orderId === orderId ? doneOn.message : null;
  const setDone = (message: string | null) => setDoneOn(message ? { orderId, message } : null);
  const openDialog = (next: Exclude<OpenDialog, null>) => {
    setDone(null);
    setDialog(next);
  };

  useEffect(() => {
    void open(orderId);
  }, [orderId, open]);

  const showHistory = () => {
    setTab('history');
    void loadAudit();
  };

  if (!order) {
    if (phase === 'error' && loadError) {
      return (
        <>
          <BackLink />
          <Card className="mt-4">
            <EmptyState
              icon={<BanIcon className="size-5" />}
              title={loadError.code === 'NOT_FOUND' ? 'Order not found' : 'The order could not be loaded'}
              action={
                <Button onClick={() => void open(orderId)} icon={<RefreshIcon />}>
                  Try again
                </Button>
              }
            >
              {loadError.message}
            </EmptyState>
          </Card>
        </>
      );
    }
    return (
      <>
        <div className="mb-4">
          <BackLink />
        </div>
        <OrderSkeleton />
      </>
    );
  }

  const runConfirm = async () => {
    setConfirming(true);
    setActionError(null);
    const result = await confirm();
    setConfirming(false);
    if (!result.ok && result.error.code !== 'CONFLICT') setActionError(result.error);
  };

  const orderOpen = isOpenStatus(order.status);
  const vehiclesEditable = canChangeVehicles(order.status);
  const current = order.vehicles.filter((v) => v.status !== 'Removed').length;
  const removed = order.vehicles.length - current;

  const actions = orderOpen ? (
    <>
      <Button icon={<PencilIcon />} onClick={() => openDialog({ kind: 'edit' })}>
        Edit details
      </Button>
      {vehiclesEditable ? (
        <Button icon={<PlusIcon />} onClick={() => openDialog({ kind: 'add' })}>
          Add vehicle
        </Button>
      ) : null}
      {order.status === 'Draft' || mayCancelConfirmed ? (
        <Button
          variant="ghost"
          className="text-danger hover:bg-danger-soft hover:text-danger"
          icon={<BanIcon />}
          onClick={() => openDialog({ kind: 'cancel' })}
        >
          Cancel order
        </Button>
      ) : null}
      {order.status === 'Draft' ? (
        <Button variant="primary" icon={<CheckIcon />} busy={confirming} onClick={() => void runConfirm()}>
          Confirm order
        </Button>
      ) : null}
    </>
  ) : (
    <FrozenNotice order={order} mayReopen={mayReopen} />
  );

  return (
    <>
      <div className="mb-4">
        <BackLink />
      </div>

      {conflict ? <ConflictNotice onReload={() => void reloadAfterConflict()}>{conflict} Your change was not saved.</ConflictNotice> : null}

      {actionError ? (
        <NoticeBanner
          tone="error"
          title="The order was not changed."
          className="mb-4"
          action={
            <Button size="sm" variant="ghost" onClick={() => setActionError(null)}>
              Dismiss
            </Button>
          }
        >
          {actionError.message}
        </NoticeBanner>
      ) : null}

      {done ? (
        <NoticeBanner
          tone="success"
          className="mb-4"
          action={
            <Button size="sm" variant="ghost" onClick={() => setDone(null)}>
              Dismiss
            </Button>
          }
        >
          {done}
        </NoticeBanner>
      ) : null}

      <div className="space-y-5">
        <OrderHeader order={order} actions={actions} people={<OrderFollowControls order={order} />} />
        <OrderProgressPanel order={order} />

        <Card className="overflow-clip">
          <div role="tablist" aria-label="Order details" className="flex items-center gap-1 border-b border-line px-4">
            <TabButton id="vehicles" active={tab === 'vehicles'} onClick={() => setTab('vehicles')} icon={<VehiclesIcon />}>
              Vehicles{' '}
              <span className="ml-1 rounded-full bg-surface-muted px-1.5 text-caption text-ink-muted ring-1 ring-line">{current}</span>
              {removed > 0 ? <span className="ml-1 text-caption text-ink-subtle">+{removed} removed</span> : null}
            </TabButton>
            {mayReadPayments ? (
              <TabButton id="payments" active={tab === 'payments'} onClick={() => setTab('payments')} icon={<PaymentsIcon />}>
                Payments <PaymentStatusBadge status={order.paymentStatus} />
              </TabButton>
            ) : null}
            <TabButton id="activity" active={tab === 'activity'} onClick={() => setTab('activity')} icon={<ChatIcon />}>
              Activity
            </TabButton>
            <TabButton id="tasks" active={tab === 'tasks'} onClick={() => setTab('tasks')} icon={<CheckIcon />}>
              Tasks
            </TabButton>
            <TabButton id="analytics" active={tab === 'analytics'} onClick={() => setTab('analytics')} icon={<ChartIcon />}>
              Analytics
            </TabButton>
            <TabButton id="history" active={tab === 'history'} onClick={showHistory} icon={<HistoryIcon />}>
              History
            </TabButton>
          </div>

          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'payments' ? (
              <PaymentsPanel order={order} />
            ) : tab === 'activity' ? (
              <ActivityPanel order={order} templatePicker={TemplatePicker} />
            ) : tab === 'tasks' ? (
              <OrderTasksPanel order={order} />
            ) : tab === 'analytics' ? (
              <Suspense fallback={<p className="p-6 text-body-sm text-ink-subtle">Loading the order&apos;s analytics…</p>}>
                <OrderAnalyticsPanel order={order} />
              </Suspense>
            ) : tab === 'vehicles' ? (
              order.vehicles.length === 0 ? (
                <EmptyState
                  icon={<VehiclesIcon className="size-5" />}
                  title="No vehicles in this order yet"
                  action={
                    vehiclesEditable ? (
                      <Button variant="primary" icon={<PlusIcon />} onClick={() => openDialog({ kind: 'add' })}>
                        Add vehicle
                      </Button>
                    ) : null
                  }
                >
                  An order needs at least one vehicle before it can be confirmed.
                </EmptyState>
              ) : (
                <OrderVehiclesTable
                  order={order}
                  mayReopen={mayReopen}
                  actions={{
                    onRecordStage: (vehicle) => openDialog({ kind: 'stage', vehicle }),
                    onRetractStage: (vehicle) => openDialog({ kind: 'retract', vehicle }),
                    onChangePrice: (vehicle) => openDialog({ kind: 'price', vehicle }),
                    onRemove: (vehicle) => openDialog({ kind: 'remove', vehicle }),
                  }}
                />
              )
            ) : auditPhase === 'error' ? (
              <div className="p-6">
                <NoticeBanner
                  tone="error"
                  action={
                    <Button size="sm" onClick={() => void loadAudit()}>
                      Try again
                    </Button>
                  }
                >
                  {auditError}
                </NoticeBanner>
              </div>
            ) : audit ? (
              <OrderHistory entries={audit} order={order} />
            ) : (
              <div className="space-y-6 p-6" aria-busy="true">
                {Array.from({ length: 4 }, (_, i) => (
                  <div key={i} className="flex gap-4">
                    <Skeleton className="size-8 rounded-full" />
                    <div className="flex-1">
                      <Skeleton className="h-4 w-48" />
                      <Skeleton className="mt-2 h-3 w-72" />
                    </div>
                  </div>
                ))}
              </div>
            )}
          </div>
        </Card>
      </div>

      {/* Edits a frozen order refuses close by themselves if the order becomes final while one is open (e.g. a delivery elsewhere). */}
      {dialog?.kind === 'edit' && orderOpen ? <EditOrderDialog order={order} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'cancel' ? <CancelOrderDialog order={order} open onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'add' && vehiclesEditable ? <AddVehicleDialog order={order} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'remove' ? <RemoveVehicleDialog order={order} vehicle={dialog.vehicle} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'price' && orderOpen ? (
        <ChangePriceDialog order={order} vehicle={dialog.vehicle} onClose={() => setDialog(null)} onDone={setDone} />
      ) : null}
      {dialog?.kind === 'stage' ? <RecordStageDialog vehicle={dialog.vehicle} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'retract' ? (
        <RetractStageDialog order={order} vehicle={dialog.vehicle} onClose={() => setDialog(null)} onDone={setDone} />
      ) : null}
    </>
  );
}

/** Instead of the actions a final order refuses: why, and the one way back (a Manager retracting a wrong delivery). */
function FrozenNotice({ order, mayReopen }: { order: Order; mayReopen: boolean }) {
  let more = 'Its stages are shown as at cancellation.';
  if (order.status === 'Completed') {
    more = mayReopen ? 'Retract a wrong delivery to reopen it.' : 'A wrong delivery? Ask a Manager to retract it.';
  }
  return (
    <div
      className="flex max-w-xs items-start gap-2 rounded-control bg-surface-muted px-3 py-2 ring-1 ring-line"
      data-testid="frozen-notice"
    >
      <LockIcon className="mt-0.5 size-4 shrink-0 text-ink-subtle" />
      <p className="text-body-sm text-ink-muted">
        <span className="font-medium text-ink">{order.status} orders are frozen:</span> details, vehicles and prices no longer change.{' '}
        {more}
      </p>
    </div>
  );
}

function TabButton({
  id,
  active,
  onClick,
  icon,
  children,
}: {
  id: Tab;
  active: boolean;
  onClick: () => void;
  icon: ReactNode;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={active}
      aria-controls={`panel-${id}`}
      tabIndex={active ? 0 : -1}
      onClick={onClick}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const sibling = (
            e.key === 'ArrowRight' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling
          ) as HTMLButtonElement | null;
          sibling?.focus();
          sibling?.click();
        }
      }}
      className={`-mb-px flex h-12 items-center gap-2 border-b-2 px-3 text-body font-medium transition-colors ${
        active ? 'border-primary text-ink' : 'border-transparent text-ink-muted hover:text-ink'
      }`}
    >
      <span className={active ? 'text-primary' : 'text-ink-subtle'}>{icon}</span>
      {children}
    </button>
  );
}
