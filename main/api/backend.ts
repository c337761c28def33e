// Assembles the backend both transports serve: database, services, demo data, handlers, dispatcher.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SystemInfo } from '../../core/domain/auth';
import type { Clock, IdGenerator } from '../../core/domain/runtime';
import type { PortsideConfig } from '../config';
import { lockDataFolder } from '../db/data-folder-lock';
import { DatabaseReadOnlyError, type Db, openDatabase } from '../db/database';
import { fileLogger } from '../log';
import { createServices, type Services } from '../services';
import { poolSettings } from '../services/cloud-auth-wiring';
import { memorySecretStore, type SecretStore } from '../services/secret-store';
import { cognitoUserDirectory } from '../services/cognito-user-directory';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts, seedDemoData } from '../services/demo-data';
import { describeMismatch, MAX_LISTED } from '../services/integrity-service';
import { cloudDemoAccounts } from '../services/cloud-demo-accounts';
import { topUpOrderNumbers } from '../services/order-number-reserver';
import { createDispatcher, createHandlers, type Dispatcher } from './handlers';

export const APP_VERSION = '0.1.0';
/** How often overdue tasks are looked for (once a source is plugged in: services.notifier.useOverdueTaskSource). */
export const OVERDUE_CHECK_MS = 60_000;

export interface Backend {
  db: Db;
  services: Services;
  dispatcher: Dispatcher;
  /** True when this start filled an empty database with demo data (in cloud mode: the demo accounts). */
  seeded: boolean;
  /** Settles once the start's best-effort reservation of order-number blocks has finished (cloud mode) or failed. */
  orderNumbersAtStart: Promise<void>;
  close(): void;
}

export interface BackendOptions {
  log?: (message: string, error?: unknown) => void;
  /** Injected time and ids (tests); the system clock and UUIDv7 otherwise. */
  clock?: Clock;
  ids?: IdGenerator;
  /** How long a write waits for another connection's (tests shorten it; the default suits people). */
  busyTimeoutMs?: number;
  /** The DynamoDB client (tests); one built from the config otherwise. */
  dynamoDb?: DynamoDBClient;
  /** Where cloud mode keeps the pool's refresh tokens (the desktop app: Electron safeStorage); in memory by default. */
  secrets?: SecretStore;
  /** Cloud mode's renewal loop: how often it looks (default 30 s), how long before expiry it refreshes (default 5 min). Tests drive it with services.auth.renewSessions(). */
  sessionRenewal?: { intervalMs?: number; marginMs?: number };
}

/**
 * On a small database, recomputes every order's derived fields at start and logs each one
 * that differs from what is stored (hand edits, a bad sync merge). It never refuses to start:
 * the CSR can still work, and support finds the orders named in the log.
 */
function checkOrdersAtStart(services: Services, log: (message: string, error?: unknown) => void): void {
  const report = services.integrity.checkOrdersAtStart();
  if (!report || report.mismatchCount === 0) return;
  log(
    `consistency check: ${report.mismatchCount} derived field(s) of ${report.checked} orders differ from their vehicles` +
      (report.mismatchCount > MAX_LISTED ? ` (first ${MAX_LISTED} listed)` : '') +
      `; run npm run audit:verify for the full report\n` +
      report.mismatches.map((m) => `  ${describeMismatch(m)}`).join('\n'),
  );
}

/**
 * Cloud mode: tops up the reserved order-number blocks once at start. Best effort: with the
 * table unreachable it logs and the CSR works on (new orders then get provisional numbers
 * once the blocks run out); the sync loop tops up again whenever it is online.
 */
async function reserveOrderNumbersAtStart(
  config: PortsideConfig,
  services: Services,
  log: (message: string, error?: unknown) => void,
  injected: DynamoDBClient | undefined,
): Promise<void> {
  if (!config.table) return;
  let client: DynamoDBClient | null = null;
  try {
    client =
      injected ??
      new DynamoDBClient({
        ...(config.region ? { region: config.region } : {}),
        ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
        // Best effort at start: an unanswered call must fail, not hang (the SDK's requestTimeout alone only warns).
        requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
      });
    await topUpOrderNumbers(client, config.table, services.deps.repos.orderNumberBlocks, {
      now: services.deps.clock.now(),
      timeZone: config.timeZone,
    });
  } catch (error) {
    log(
      `order numbers: could not reserve blocks from table ${config.table} (${(error as Error).message}); working on, will retry when online`,
      error,
    );
  } finally {
    if (client && !injected) client.destroy();
  }
}

/**
 * Takes the data folder (one Portside process per folder), then opens and checks the database.
 * Throws a DatabaseOpenError (folder in use, read-only, locked, damaged, too new) before
 * anything is served; the folder is released again when the start fails.
 */
export function createBackend(config: PortsideConfig, options: BackendOptions = {}): Backend {
  try {
    mkdirSync(config.dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new DatabaseReadOnlyError(config.dataDir, 'folder');
    throw error;
  }
  const lock = lockDataFolder(config.dataDir);
  let db: Db;
  let seeded: boolean;
  try {
    db = openDatabase(
      join(config.dataDir, 'portside.sqlite'),
      options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs },
    );
    try {
      // Cloud mode: only the accounts now; the demo records come from the one instance that wins
      // the table's demo claim (main/app/cloud-sync.ts), so two demo instances hold one set.
      seeded = config.demo ? (config.table ? seedDemoAccounts(db) : seedDemoData(db)) : false;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    lock.release();
    throw error;
  }
  const log = options.log ?? fileLogger(config.dataDir);
  const pool = poolSettings(config);
  // Cloud mode: the Admin screen reads the pool's users (read-only) with the SDK's default credentials.
  const userPool = config.userPoolId
    ? cognitoUserDirectory({ poolId: config.userPoolId, endpoint: config.cognitoEndpoint, region: config.region })
    : null;
  const services = createServices(db, {
    userPool,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ids ? { ids: options.ids } : {}),
    timeZone: config.timeZone,
    phoneRegion: config.phoneRegion,
    orderNumbering: config.table ? 'blocks' : 'local',
    syncMode: config.table ? 'cloud' : 'local',
    emailConfigured: config.smtp !== null,
    ...(pool
      ? {
          cloud: {
            pool,
            secrets: options.secrets ?? memorySecretStore(),
            renewal: { log, ...options.sessionRenewal },
          },
        }
      : {}),
  });
  const systemInfo = (): SystemInfo => ({
    name: 'Portside',
    version: APP_VERSION,
    mode: services.auth.mode,
    demo: config.demo,
    // Cloud mode lists the emulator pool's demo users: local and demo accounts cannot sign in there.
    demoAccounts: !config.demo
      ? []
      : services.auth.mode === 'local'
        ? DEMO_ACCOUNTS.map((a) => ({ username: a.username, password: DEMO_PASSWORD, roles: a.roles }))
        : (cloudDemoAccounts(config) ?? []),
  });
  checkOrdersAtStart(services, log);
  // After seeding: the demo history notifies nobody; from here every commit and pulled page does.
  services.notifier.start();
  services.auth.start();
  const overdueTimer = setInterval(() => services.notifier.notifyOverdueTasks(services.deps.clock.now()), OVERDUE_CHECK_MS);
  overdueTimer.unref();
  const dispatcher = createDispatcher(services, createHandlers(services, systemInfo), log);
  return {
    db,
    services,
    dispatcher,
    seeded,
    orderNumbersAtStart: reserveOrderNumbersAtStart(config, services, log, options.dynamoDb),
    close: () => {
      clearInterval(overdueTimer);
      services.notifier.stop();
      services.auth.close();
      userPool?.close();
      db.close();
      lock.release();
    },
  };
}
