// Analytics: the managers' dashboard and an order's analytics, computed in SQL from the local database.
import type { Dashboard, DashboardFilters, OrderAnalytics } from '../../core/domain/analytics';
import { PortsideError } from '../../core/api/errors';
import type { ServiceDeps } from './unit-of-work';

export class AnalyticsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly timeZone: string,
  ) {}

  dashboard(filters: DashboardFilters): Dashboard {
    void filters;
    throw new PortsideError('INTERNAL', `Analytics are being built (${this.timeZone}).`);
  }

  orderAnalytics(orderId: string): OrderAnalytics {
    void this.deps;
    throw new PortsideError('NOT_FOUND', `Order ${orderId} has no analytics yet.`);
  }
}
