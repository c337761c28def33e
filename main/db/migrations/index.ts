// The migrations, in order; the position + 1 is the schema version kept in PRAGMA user_version.
import initial from './001_initial.sql?raw';
import orderSearch from './002_order_search.sql?raw';
import signInThrottle from './004_sign_in_throttle.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001_initial', sql: initial },
  { version: 2, name: '002_order_search', sql: orderSearch },
  // Placeholder on the `signin` branch only: version 3 is the lead's migration, merged separately.
  { version: 3, name: '003_reserved', sql: '-- reserved: the lead adds 003' },
  { version: 4, name: '004_sign_in_throttle', sql: signInThrottle },
];
