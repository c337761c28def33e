// Every screen's path in one place (hash routes: the API owns real paths such as /orders).
export const routes = {
  orders: '/orders',
  newOrder: '/orders/new',
  order: (id: string): string => `/orders/${encodeURIComponent(id)}`,
  customers: '/customers',
  vehicles: '/vehicles',
  sync: '/sync',
  tasks: '/tasks',
} as const;
