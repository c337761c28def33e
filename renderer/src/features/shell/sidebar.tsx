// The left navigation: brand, "New order", the lists, Analytics for managers, sync status, shortcut help, and the signed-in user with sign-out.
import { type ReactNode, useEffect } from 'react';
import { Link, useLocation } from 'wouter';
import { BrandMark } from '../../components/brand-mark';
import { hasPermission } from '../../../../core/auth/permissions';
import {
  CustomersIcon,
  KeyboardIcon,
  OrdersIcon,
  PlusIcon,
  RefreshIcon,
  TemplateIcon,
  VehiclesIcon,
  CheckIcon,
  ChartIcon,
  UserIcon,
} from '../../components/icons';
import { routes } from '../../routes';
import { useSessionStore } from '../../stores/session-store';
import { useShortcutHelpStore } from '../../stores/shortcut-help-store';
import { NotificationBell } from '../notifications/notification-bell';
import { useTasksStore } from '../../stores/tasks-store';
import { SyncStatusPill } from './sync-status-pill';
import { UserMenu } from './user-menu';

function NavItem({ href, icon, children, active }: { href: string; icon: ReactNode; children: ReactNode; active: boolean }) {
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`group relative flex h-9 items-center gap-3 rounded-control px-3 text-body font-medium transition-colors ${
        active ? 'bg-white/12 text-white' : 'text-on-brand-muted hover:bg-white/6 hover:text-white'
      }`}
    >
      {active ? <span className="absolute inset-y-2 -left-3 w-1 rounded-r bg-brand-accent" aria-hidden="true" /> : null}
      <span className={active ? 'text-brand-accent' : 'text-on-brand-subtle group-hover:text-on-brand'}>{icon}</span>
      {children}
    </Link>
  );
}

export function Sidebar() {
  const [location] = useLocation();
  const user = useSessionStore((s) => s.user);
  const showHelp = useShortcutHelpStore((s) => s.show);
  const overdue = useTasksStore((s) => s.counts?.overdue ?? 0);
  const refreshTaskCounts = useTasksStore((s) => s.refreshCounts);
  useEffect(() => {
    void refreshTaskCounts();
    // Midnight makes today's tasks overdue without any change event: look again every few minutes.
    const timer = setInterval(() => void refreshTaskCounts(), 5 * 60_000);
    return () => clearInterval(timer);
  }, [refreshTaskCounts]);
  const onOrders = location === routes.orders || (location.startsWith('/orders/') && location !== routes.newOrder);

  return (
    <aside className="flex h-full w-sidebar shrink-0 flex-col overflow-y-auto bg-brand-deep text-on-brand print:hidden" aria-label="Main">
      <div className="flex items-center gap-2.5 px-5 pt-5 pb-6">
        <BrandMark className="size-8" />
        <div>
          <p className="text-title leading-tight font-semibold tracking-tight text-white">Portside</p>
          <p className="text-caption text-on-brand-subtle">Import order desk</p>
        </div>
      </div>

      <div className="px-3">
        <Link
          href={routes.newOrder}
          aria-current={location === routes.newOrder ? 'page' : undefined}
          className="flex h-9 items-center justify-between rounded-control bg-brand-accent px-3 text-body font-semibold text-brand-deep shadow-sm transition-colors hover:bg-brand-accent-hover"
        >
          <span className="flex items-center gap-2">
            <PlusIcon className="size-4" />
            New order
          </span>
          <kbd className="rounded bg-brand-deep/15 px-1.5 font-sans text-caption font-semibold">N</kbd>
        </Link>
      </div>

      <nav className="mt-6 flex flex-col gap-0.5 px-3" aria-label="Sections">
        <p className="mb-1.5 px-3 text-caption font-semibold tracking-wider text-on-brand-subtle uppercase">Work</p>
        <NavItem href={routes.orders} icon={<OrdersIcon className="size-4.5" />} active={onOrders}>
          Orders
        </NavItem>
        <NavItem href={routes.customers} icon={<CustomersIcon className="size-4.5" />} active={location.startsWith(routes.customers)}>
          Customers
        </NavItem>
        <NavItem href={routes.vehicles} icon={<VehiclesIcon className="size-4.5" />} active={location.startsWith(routes.vehicles)}>
          Vehicles
        </NavItem>
        <NavItem href={routes.tasks} icon={<CheckIcon className="size-4.5" />} active={location.startsWith(routes.tasks)}>
          <span className="flex flex-1 items-center justify-between">
            My tasks
            {overdue > 0 ? (
              <span
                className="rounded-full bg-danger px-1.5 text-caption font-semibold text-white"
                data-testid="overdue-badge"
                aria-label={`${overdue} overdue`}
              >
                {overdue}
              </span>
            ) : null}
          </span>
        </NavItem>
        <NavItem href={routes.sync} icon={<RefreshIcon className="size-4.5" />} active={location.startsWith(routes.sync)}>
          Sync
        </NavItem>
        {user && hasPermission(user.roles, 'analytics:read') ? (
          <NavItem href={routes.analytics} icon={<ChartIcon className="size-4.5" />} active={location.startsWith(routes.analytics)}>
            Analytics
          </NavItem>
        ) : null}
        {user && hasPermission(user.roles, 'communication:read') ? (
          <NavItem href={routes.templates} icon={<TemplateIcon className="size-4.5" />} active={location.startsWith(routes.templates)}>
            Templates
          </NavItem>
        ) : null}
        {user && hasPermission(user.roles, 'users:admin') ? (
          <NavItem href={routes.admin} icon={<UserIcon className="size-4.5" />} active={location.startsWith(routes.admin)}>
            Admin
          </NavItem>
        ) : null}
      </nav>

      <div className="mt-auto px-3 pb-4">
        <NotificationBell />
        <SyncStatusPill />
        <button
          type="button"
          onClick={showHelp}
          className="flex h-9 w-full items-center justify-between rounded-control px-3 text-body-sm text-on-brand-subtle hover:bg-white/6 hover:text-white"
        >
          <span className="flex items-center gap-2.5">
            <KeyboardIcon className="size-4" />
            Keyboard shortcuts
          </span>
          <kbd className="rounded bg-white/10 px-1.5 font-sans text-caption">?</kbd>
        </button>

        <UserMenu />
      </div>
    </aside>
  );
}
