// Every screen's path in one place (hash routes: the API owns real paths such as /orders).
export const routes = {
  orders: '/orders',
  newOrder: '/orders/new',
  order: (id: string): string => `/orders/${encodeURIComponent(id)}`,
  paymentReceipt: (orderId: string, paymentId: string): string =>
    `/orders/${encodeURIComponent(orderId)}/payments/${encodeURIComponent(paymentId)}/receipt`,
  customers: '/customers',
  customer: (id: string): string => `/customers/${encodeURIComponent(id)}`,
  vehicles: '/vehicles',
  sync: '/sync',
  templates: '/templates',
  tasks: '/tasks',
  analytics: '/analytics',
  admin: '/admin',
} as const;
