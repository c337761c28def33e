// Cloud mode: runs the sync loop beside a backend (server and Electron alike): client, steps, demo claim, local-change trigger, stop.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { yearInZone } from '../../core/domain/order-number';
import type { Backend } from '../api/backend';
import type { PortsideConfig } from '../config';
import {
  DEFAULT_DEMO_SIZE,
  type DemoSize,
  demoClaimUndecided,
  demoOrderYears,
  markDemoClaimLost,
  seedDemoRecords,
} from '../services/demo-data';
import { reserveOrderNumberBlocks, topUpOrderNumbers, DEFAULT_BLOCK_SIZE } from '../services/order-number-reserver';
import type { RemoteRecordDecoder } from '../../core/domain/sync-merge';
import { RemoteApply } from '../services/remote-apply';
import { detectRuleConflicts } from '../services/sync-rule-conflicts';
import { NO_SYNC } from '../services/sync-control';
import { claimDemoSeed } from '../../sync/demo-claim';
import { createSyncDynamoClient } from '../../sync/dynamo-client';
import { isOwnSyncEvent, type PullStepResult, type StepContext, SyncEngine, type SyncEngineOptions } from '../../sync/engine';
import type { PlainValue } from '../../sync/attribute-values';
import { fromTableRecord } from '../../sync/item-mapping';
import { dynamoPullClient, OverlapSchedule, pullChanges } from '../../sync/pull';
import { dynamoPushClient } from '../../sync/push';
import { pushStep } from '../../sync/push-step';
import { createTableIfMissing } from '../../sync/table-schema';
import type { TableStartOutcome } from '../../sync/table-setup';
import type { IdTokenSource } from '../services/secret-store';
import { dynamoCredentials, signInWait } from './aws-credentials';

/** What a pull step is built from; sync/pull.ts's pullChanges plugs in here. */
export interface PullStepDeps {
  client: DynamoDBClient;
  table: string;
  backend: Backend;
}
export type PullStepFactory = (deps: PullStepDeps) => (context: StepContext) => Promise<PullStepResult>;

const decodeRemote: RemoteRecordDecoder = (item) => fromTableRecord(item as Record<string, PlainValue>);

/**
 * Pull from the change feed into this backend's database (sync/pull.ts into RemoteApply): each page
 * with its cursor in one transaction, rule conflicts (a vehicle now in two open orders) detected in
 * that same transaction, change events emitted after each commit so open screens refresh. Then the
 * change sets push parked as conflicts are merged with the newer items (after the pull, so totals
 * are recomputed over the other device's lines too); what of ours is left is queued again and one
 * more pass pushes it. A pull that read every shard to its end completes the first download.
 */
export const PULL_FROM_FEED: PullStepFactory = ({ client, table, backend }) => {
  const { services } = backend;
  const store = new RemoteApply(services.deps, {
    afterApply: (touched, deps) => {
      detectRuleConflicts(deps, { vehicleIds: touched.vehicles, orderIds: touched.orders });
    },
  });
  const feed = dynamoPullClient(client);
  const overlap = new OverlapSchedule();
  return async (context) => {
    const result = await pullChanges({
      client: feed,
      tableName: table,
      store,
      overlapMs: overlap.next(Date.now()),
      onProgress: (progress) => context.progress(progress),
    });
    const merged = services.syncMerge.mergeParked(decodeRemote);
    if (merged.merged > 0) services.syncControl.requestSync('retry');
    return { pulled: result.applied, bootstrapped: true };
  };
};

export interface CloudSyncOptions {
  log: (message: string, error?: unknown) => void;
  /** The DynamoDB client (shared with the backend's start, or a test's); one from the config otherwise. */
  client?: DynamoDBClient;
  /** Destroy `client` on stop (a client the loop builds itself is always destroyed). */
  ownsClient?: boolean;
  pull?: PullStepFactory;
  /** PORTSIDE_CREATE_TABLE's creation at start: the loop starts once it settles (and creates the table itself if it failed). */
  tablePrepared?: Promise<TableStartOutcome> | null;
  /** How much demo data the winner of the demo claim seeds (tests use less). */
  demoSize?: DemoSize;
  /** Scheduling overrides (tests, bench). */
  engine?: Partial<Omit<SyncEngineOptions, 'steps' | 'state'>>;
  /** The online user's ID token: with PORTSIDE_IDENTITY_POOL_ID the loop waits for one (and a client it builds uses it). */
  idToken?: IdTokenSource;
}

export interface CloudSync {
  engine: SyncEngine;
  /** Settles once the loop has started (after the table creation at start). */
  started: Promise<void>;
  /** Stops the loop: waits for the running pass, clears timers, detaches from the services. */
  stop(): Promise<void>;
}

/**
 * The one DynamoDB client of a cloud-mode process (the start's order-number top-up and the loop
 * share it); null in local mode. The caller destroys it after stopping the loop.
 */
export function dynamoClientFor(config: PortsideConfig, idToken: IdTokenSource = NO_ID_TOKEN): DynamoDBClient | null {
  return config.table ? syncClient(config, idToken) : null;
}

const NO_ID_TOKEN: IdTokenSource = () => Promise.resolve(null);

/** Credentials from the identity pool (PORTSIDE_IDENTITY_POOL_ID) for the online user, else the SDK's default chain. */
function syncClient(config: PortsideConfig, idToken: IdTokenSource): DynamoDBClient {
  const credentials = dynamoCredentials(config, idToken);
  return createSyncDynamoClient({ endpoint: config.dynamodbEndpoint, region: config.region, ...(credentials ? { credentials } : {}) });
}

/** Starts the loop when a table is configured; null in local mode. */
export function startCloudSync(backend: Backend, config: PortsideConfig, options: CloudSyncOptions): CloudSync | null {
  const table = config.table;
  if (!table) return null;
  const { services, db } = backend;
  const { repos, clock } = services.deps;
  const idToken = options.idToken ?? NO_ID_TOKEN;
  const client = options.client ?? syncClient(config, idToken);
  let tableReady = !config.createTable;
  const demoSize = options.demoSize ?? DEFAULT_DEMO_SIZE;

  async function prepareDemo(): Promise<void> {
    if (!config.demo || !demoClaimUndecided(db)) return;
    let outcome;
    try {
      outcome = await claimDemoSeed(client, table as string, repos.orderNumberBlocks.deviceId(), clock.now());
    } catch (error) {
      throw new Error('The demo data waits until the table answers (another instance may already hold it).', { cause: error });
    }
    if (outcome === 'lost') {
      markDemoClaimLost(db);
      options.log('demo: another instance holds the demo claim and loads the demo data; it arrives here by sync');
      return;
    }
    // Numbers from the shared sequence, enough for every demo order of each year they fall in.
    const now = Date.now();
    for (const year of demoOrderYears(now, (instant) => yearInZone(instant, config.timeZone))) {
      const free = (): number => repos.orderNumberBlocks.blocks(year).reduce((sum, b) => sum + Math.max(0, b.last - b.next + 1), 0);
      while (free() < demoSize.orders) {
        await reserveOrderNumberBlocks(client, table as string, repos.orderNumberBlocks, {
          year,
          blockSize: DEFAULT_BLOCK_SIZE,
          keepAhead: repos.orderNumberBlocks.openBlocks(year) + 1,
        });
      }
    }
    if (seedDemoRecords(db, { now, size: demoSize, orderNumbering: 'blocks', timeZone: config.timeZone })) {
      options.log('demo: this instance won the demo claim and seeded the demo data; pushing it to the table');
    }
  }

  const push = pushStep({ client: dynamoPushClient(client), tableName: table, store: repos.outbox });
  const pull = (options.pull ?? PULL_FROM_FEED)({ client, table, backend });
  const waitFor = signInWait(config, idToken);
  const engine = new SyncEngine({
    intervalMs: config.syncIntervalMs,
    log: options.log,
    ...(waitFor ? { waitFor } : {}),
    ...options.engine,
    state: repos.syncState,
    steps: {
      async prepare() {
        if (!tableReady) {
          await createTableIfMissing(client, table);
          tableReady = true;
        }
        // The demo claim first: until it is decided, an instance must not seed (and must say why).
        await prepareDemo();
        await topUpOrderNumbers(client, table, repos.orderNumberBlocks, { now: clock.now(), timeZone: config.timeZone });
      },
      push,
      pull,
    },
  });

  // Edits made here trigger a pass; what sync itself applied does not (that would loop).
  // Notifications are local to this device: nothing to push.
  const unsubscribe = services.events.subscribe((event) => {
    if (!isOwnSyncEvent(event.cause) && event.entity !== 'notification') engine.localChange();
  });
  services.syncControl.attach(engine);
  if (config.demo && demoClaimUndecided(db)) {
    options.log('demo: cloud mode seeds no demo data until the table decides which instance holds it');
  }

  const started = (async () => {
    const outcome = await (options.tablePrepared ?? Promise.resolve(null));
    if (outcome?.status === 'ready') tableReady = true;
    engine.start();
  })();

  return {
    engine,
    started,
    async stop() {
      unsubscribe();
      services.syncControl.attach(NO_SYNC);
      // Not waiting for `started`: a start still waiting on table creation finds the loop stopped and never runs it.
      await engine.stop();
      if (!options.client || options.ownsClient) client.destroy();
    },
  };
}
