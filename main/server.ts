// Headless entry (browser mode): the same services over loopback HTTP; prints one ready line.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from './api/backend';
import { ConfigError, loadConfig } from './config';
import { DatabaseOpenError } from './db/database';
import { fileLogger } from './log';
import { startAnalyticsFolding } from './services/analytics-folding';
import { startEmailDelivery } from './services/email-delivery';
import { createHttpServer } from './transport/http';
import { prepareTableIfAsked } from '../sync/table-setup';
import { dynamoClientFor, startCloudSync } from './app/cloud-sync';
import { LateIdTokenSource } from './app/aws-credentials';

function fail(message: string): never {
  console.error(`Portside could not start: ${message}`);
  process.exit(1);
}

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // Identity-pool credentials need the online user's ID token, which the auth service (built with the backend) holds.
  const idToken = new LateIdTokenSource();
  const dynamoDb = dynamoClientFor(config, idToken.read);
  let backend;
  try {
    backend = createBackend(config, dynamoDb ? { dynamoDb } : {});
  } catch (error) {
    // Folder in use, read-only, locked, damaged or too new: each says what to do; never start and answer 500s.
    if (error instanceof DatabaseOpenError) fail(error.message);
    fail(`the database in ${config.dataDir} could not be opened (${(error as Error).message}).`);
  }
  idToken.bind(backend.services.auth.idToken);
  const log = fileLogger(config.dataDir);
  // PORTSIDE_CREATE_TABLE=1: in the background; DynamoDB being unreachable must not delay or stop local work.
  const tablePrepared = prepareTableIfAsked(config, log);
  // Cloud mode: the sync loop runs in this process, async; each pass's SQLite work is a few small transactions.
  const sync = startCloudSync(backend, config, {
    log,
    tablePrepared,
    idToken: idToken.read,
    ...(dynamoDb ? { client: dynamoDb, ownsClient: true } : {}),
  });
  // With SMTP configured: queued e-mails go out, failed ones are retried on a timer (also those left from the last run).
  const email = startEmailDelivery(backend.services, config.smtp, { log });
  // Orders changed in bulk (an upgrade, a big pull) are folded into the analytics while idle.
  const analyticsFolding = startAnalyticsFolding(backend.services.analytics, { log });
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = process.env.PORTSIDE_STATIC_DIR ?? join(here, 'renderer');
  const server = createHttpServer({
    dispatcher: backend.dispatcher,
    events: backend.services.events,
    tickets: backend.services.eventTickets,
    staticDir,
    serveSourceMaps: process.env.PORTSIDE_SERVE_SOURCE_MAPS === '1',
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(
      error.code === 'EADDRINUSE'
        ? `port ${config.port} is already in use; set PORTSIDE_PORT to another port or 0 for any free one.`
        : error.message,
    );
  });
  server.listen(config.port, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Portside listening on http://127.0.0.1:${port}`);
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    analyticsFolding.stop();
    server.closeAllConnections();
    server.close(() => {
      // The running pass finishes first (its change sets are marked pushed), then the database closes.
      void Promise.all([
        (sync?.stop() ?? Promise.resolve()).catch((error: unknown) => log('sync: stopping failed', error)),
        (email?.stop() ?? Promise.resolve()).catch((error: unknown) => log('email: stopping failed', error)),
      ]).finally(() => {
        backend.close();
        process.exit(0);
      });
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
