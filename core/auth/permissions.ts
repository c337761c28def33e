// Roles and the permissions they grant; main enforces them, the renderer only hides.

export const ROLES = ['CSR', 'Manager', 'Admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customers:read',
  'customers:write',
  'vehicles:read',
  'vehicles:write',
  'orders:read',
  'orders:write',
  /** Reopen a Completed order by retracting the delivery that completed it. */
  'orders:reopen',
  'audit:read',
  /** Verify the audit chain and order totals: Admin only (it names every tampered entry). */
  'audit:verify',
  'analytics:read',
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
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  CSR,
  Manager: [...CSR, 'orders:reopen', 'analytics:read'],
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
}
