// The migrations, in order; the position + 1 is the schema version kept in PRAGMA user_version.
import initial from './001_initial.sql?raw';
import orderSearch from './002_order_search.sql?raw';
import orderIntegrity from './003_order_integrity.sql?raw';
import auditChain from './004_audit_chain.sql?raw';
import signInThrottle from './005_sign_in_throttle.sql?raw';
import auditHeadGuard from './006_audit_head_guard.sql?raw';
import orderNumberBlocks from './007_order_number_blocks.sql?raw';
import outboxKeys from './008_outbox_keys.sql?raw';
import syncConflicts from './009_sync_conflicts.sql?raw';
import people from './010_people.sql?raw';
import pulledWaiting from './011_pulled_waiting.sql?raw';
import payments from './012_payments.sql?raw';
import messageTemplates from './014_message_templates.sql?raw';
import communication from './013_communication.sql?raw';
import tasks from './016_tasks.sql?raw';
import customerRecords from './017_customer_records.sql?raw';
import analytics from './018_analytics.sql?raw';
import notifications from './015_notifications.sql?raw';
import orderListFilters from './019_order_list_filters.sql?raw';
import cloudSignIn from './020_cloud_sign_in.sql?raw';
import userAdmin from './021_user_admin.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001_initial', sql: initial },
  { version: 2, name: '002_order_search', sql: orderSearch },
  { version: 3, name: '003_order_integrity', sql: orderIntegrity },
  { version: 4, name: '004_audit_chain', sql: auditChain },
  { version: 5, name: '005_sign_in_throttle', sql: signInThrottle },
  { version: 6, name: '006_audit_head_guard', sql: auditHeadGuard },
  { version: 7, name: '007_order_number_blocks', sql: orderNumberBlocks },
  { version: 8, name: '008_outbox_keys', sql: outboxKeys },
  { version: 9, name: '009_sync_conflicts', sql: syncConflicts },
  { version: 10, name: '010_people', sql: people },
  { version: 11, name: '011_pulled_waiting', sql: pulledWaiting },
  { version: 12, name: '012_payments', sql: payments },
  { version: 13, name: '013_communication', sql: communication },
  { version: 14, name: '014_message_templates', sql: messageTemplates },
  { version: 15, name: '015_notifications', sql: notifications },
  { version: 16, name: '016_tasks', sql: tasks },
  { version: 17, name: '017_customer_records', sql: customerRecords },
  { version: 18, name: '018_analytics', sql: analytics },
  { version: 19, name: '019_order_list_filters', sql: orderListFilters },
  { version: 20, name: '020_cloud_sign_in', sql: cloudSignIn },
  // 020 is the Cognito sign-in's (a9-auth); numbered after it so the two merge as they are.
  { version: 21, name: '021_user_admin', sql: userAdmin },
];
