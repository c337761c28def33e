// The migrations, in order; the position + 1 is the schema version kept in PRAGMA user_version.
import initial from './001_initial.sql?raw';
import orderSearch from './002_order_search.sql?raw';
import auditChain from './005_audit_chain.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001_initial', sql: initial },
  { version: 2, name: '002_order_search', sql: orderSearch },
  // PLACEHOLDERS (branch `audit` only): versions 3 and 4 are being written on other branches;
  // the runner and its test want consecutive versions. Drop these two lines at merge.
  { version: 3, name: '003_placeholder_other_branch', sql: '' },
  { version: 4, name: '004_placeholder_other_branch', sql: '' },
  { version: 5, name: '005_audit_chain', sql: auditChain },
];
