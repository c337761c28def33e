// Vehicles list slice: search text, "available only", and cursor pages of vehicles.
import type { Vehicle } from '../../../core/domain/vehicle';
import { callApi } from '../api/api-call';
import { createPagedListStore } from './paged-list-slice';

export interface VehiclesFilter {
  query: string;
  availableOnly: boolean;
}

export const useVehiclesStore = createPagedListStore<Vehicle, VehiclesFilter>(
  { query: '', availableOnly: false },
  (filter, cursor, limit) =>
    callApi('vehicles.list', { query: filter.query.trim() || undefined, available: filter.availableOnly || undefined, cursor, limit }),
);
