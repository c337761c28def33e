// The customer page: who they are (type, segments), how to reach them, their orders and money per currency, Edit and Merge.
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { hasPermission } from '../../../../core/auth/permissions';
import type { CustomerDetail } from '../../../../core/domain/customer';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ArrowLeftIcon, BanIcon, OrdersIcon, PencilIcon, RefreshIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card } from '../../components/page-header';
import { Skeleton } from '../../components/skeleton';
import { formatDateTime } from '../../format/dates';
import { routes } from '../../routes';
import { useCustomerViewStore } from '../../stores/customer-view-store';
import { useCustomersStore } from '../../stores/customers-store';
import { useSessionStore } from '../../stores/session-store';
import { CustomerTypeBadge, SegmentChips } from './customer-badges';
import { CustomerCommunicationCard } from './customer-communication-card';
import { CustomerEditDialog } from './customer-edit-dialog';
import { CustomerMergeDialog } from './customer-merge-dialog';
import { CustomerOrdersTable } from './customer-orders-table';
import { AddressesCard, MoneyCard, PeopleCard, ReachCard } from './customer-page-cards';

type Open = { kind: 'edit' } | { kind: 'merge'; preselected?: string } | null;

function BackLink() {
  return (
    <Link href={routes.customers} className="inline-flex items-center gap-1.5 text-body-sm font-medium text-ink-muted hover:text-ink">
      <ArrowLeftIcon className="size-4" />
      Customers
    </Link>
  );
}

function PageSkeleton() {
  return (
    <div className="mt-4 space-y-4" aria-busy="true">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-4 w-96" />
      <div className="grid gap-4 lg:grid-cols-3">
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    </div>
  );
}

function Header({ customer, actions }: { customer: CustomerDetail; actions: React.ReactNode }) {
  const [, navigate] = useLocation();
  return (
    <header className="mt-4 mb-6 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-display font-semibold tracking-tight text-ink" data-testid="customer-name">
            {customer.name}
          </h1>
          <CustomerTypeBadge type={customer.type} />
        </div>
        {customer.company ? <p className="mt-0.5 text-title text-ink-muted">{customer.company}</p> : null}
        <div className="mt-2">
          <SegmentChips
            segments={customer.segments}
            onPick={(segment) => {
              useCustomersStore.getState().setFilter({ segment, type: '', query: '' });
              navigate(routes.customers);
            }}
          />
        </div>
        <p className="mt-2 text-body-sm text-ink-subtle">
          Added by {customer.createdByName} · last change by {customer.updatedByName}, {formatDateTime(customer.updatedAt)}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">{actions}</div>
    </header>
  );
}

export function CustomerPage({ customerId }: { customerId: string }) {
  const { customer, phase, loadError, open, reload } = useCustomerViewStore();
  const roles = useSessionStore((s) => s.user?.roles ?? []);
  const mayMerge = hasPermission(roles, 'customers:merge');
  const [dialog, setDialog] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void open(customerId);
  }, [customerId, open]);

  if (!customer) {
    return (
      <>
        <BackLink />
        {phase === 'error' && loadError ? (
          <Card className="mt-4">
            <EmptyState
              icon={<BanIcon className="size-5" />}
              title={loadError.code === 'NOT_FOUND' ? 'Customer not found' : 'The customer could not be loaded'}
              action={
                <Button onClick={() => void open(customerId)} icon={<RefreshIcon />}>
                  Try again
                </Button>
              }
            >
              {loadError.message}
            </EmptyState>
          </Card>
        ) : (
          <PageSkeleton />
        )}
      </>
    );
  }

  const actions = (
    <>
      <Button icon={<PencilIcon className="size-4" />} onClick={() => setDialog({ kind: 'edit' })}>
        Edit
      </Button>
      {mayMerge ? <Button onClick={() => setDialog({ kind: 'merge' })}>Merge duplicate…</Button> : null}
    </>
  );

  return (
    <>
      <BackLink />
      <Header customer={customer} actions={actions} />
      {notice ? (
        <NoticeBanner tone="success" className="mb-4">
          {notice}
        </NoticeBanner>
      ) : null}
      {customer.mergedFrom.length > 0 ? (
        <p className="mb-4 text-body-sm text-ink-muted">Merged from {customer.mergedFrom.map((m) => m.name).join(', ')}.</p>
      ) : null}
      <div className="space-y-4">
        <MoneyCard customer={customer} />
        <div className="grid gap-4 lg:grid-cols-3">
          <ReachCard customer={customer} />
          <PeopleCard customer={customer} />
          <AddressesCard customer={customer} />
        </div>
        <Card className="overflow-hidden">
          <div className="flex items-center justify-between px-5 pt-4 pb-3">
            <h2 className="text-title font-semibold text-ink" id="customer-orders">
              Orders
            </h2>
          </div>
          {customer.orders.length === 0 ? (
            <EmptyState icon={<OrdersIcon className="size-5" />} title="No orders yet">
              Orders placed for {customer.name} appear here.
            </EmptyState>
          ) : (
            <CustomerOrdersTable orders={customer.orders} />
          )}
        </Card>
        <CustomerCommunicationCard customer={customer} />
      </div>
      {dialog?.kind === 'edit' ? (
        <CustomerEditDialog
          customer={customer}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setNotice('Changes saved.');
            void reload();
          }}
          {...(mayMerge ? { onMerge: (m: { customer: { id: string } }) => setDialog({ kind: 'merge', preselected: m.customer.id }) } : {})}
        />
      ) : null}
      {dialog?.kind === 'merge' ? (
        <CustomerMergeDialog
          target={customer}
          {...(dialog.preselected ? { preselected: dialog.preselected } : {})}
          onClose={() => setDialog(null)}
          onMerged={(result) => {
            setDialog(null);
            const moved = result.movedOrders.length;
            setNotice(`Merged: ${moved} order${moved === 1 ? '' : 's'} moved to ${result.customer.name}.`);
            void reload();
          }}
        />
      ) : null}
    </>
  );
}
