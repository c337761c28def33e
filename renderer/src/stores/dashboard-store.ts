// The app's dashboard store: the dashboard slice reading GET /analytics/dashboard.
import { callApi } from '../api/api-call';
import { createDashboardStore } from './dashboard-slice';

export type { DashboardPhase, DashboardState } from './dashboard-slice';

export const useDashboardStore = createDashboardStore((input) => callApi('analytics.dashboard', input));
