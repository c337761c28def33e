// Roles and the permissions they grant; main enforces them, the renderer only hides.

export const ROLES = ['CSR', 'Manager', 'Admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customers:read',
  'customers:write',
  'vehicles:read',
  'vehicles:write',
  'orders:read',
  /** Create and edit orders, confirm them, add and remove vehicles, cancel a Draft. */
  'orders:write',
  /** Cancel an order that is no longer a Draft (Confirmed or In Progress: something was promised to the customer): Manager and Admin. */
  'orders:cancel',
  /** Reopen a Completed order by retracting the delivery that completed it. */
  'orders:reopen',
  'audit:read',
  /** Verify the audit chain and order totals: Admin only (it names every tampered entry). */
  'audit:verify',
  /** The analytics dashboard across every CSR's orders: Manager and Admin. */
  'analytics:read',
  /** Merge duplicate customers (moves their orders, payments and communication): Manager and Admin. */
  'customers:merge',
  /** See an order's payments, balance and receipts. */
  'payments:read',
  /** Record deposits, instalments and balance payments. */
  'payments:write',
  /** Record a refund: Manager and Admin. */
  'payments:refund',
  /** Record a vehicle as delivered while its order still has a balance due, with a reason: Manager and Admin. */
  'payments:override',
  /** Read an order's communication log and timeline, and the message templates. */
  'communication:read',
  /** Log calls, notes and messages; send e-mails. */
  'communication:write',
  /** Edit message templates: Admin only. */
  'templates:write',
  /** See follow-up tasks. */
  'tasks:read',
  /** Create, assign and complete follow-up tasks. */
  'tasks:write',
  /** Give an order to another CSR: Manager and Admin. */
  'orders:reassign',
  /** Office settings such as the payment schedule's percentages: Admin only. */
  'settings:write',
  /** Manage user accounts: roles, passwords, sign-in lockouts, sign-in history: Admin only. */
  'users:admin',
  /** See this device's sync state: the queue, conflicts, last error (every signed-in role). */
  'sync:read',
  /** Resolve one's sync conflicts, retry a parked change, ask for a sync now (every role: a CSR resolves their own). */
  'sync:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CSR: readonly Permission[] = [
  'customers:read',
  'customers:write',
  'vehicles:read',
  'vehicles:write',
  'orders:read',
  'orders:write',
  'audit:read',
  'sync:read',
  'sync:write',
  'payments:read',
  'payments:write',
  'communication:read',
  'communication:write',
  'tasks:read',
  'tasks:write',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  CSR,
  Manager: [
    ...CSR,
    'orders:cancel',
    'orders:reopen',
    'analytics:read',
    'customers:merge',
    'payments:refund',
    'payments:override',
    'orders:reassign',
  ],
  Admin: PERMISSIONS,
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Cloud mode: unlocked with the password kept on this device while Cognito was unreachable (role = last seen online). */
  offline?: boolean;
}
