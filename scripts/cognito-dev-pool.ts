// `npm run dev:cloud`'s user pool: cognito-local in a temp folder with the CSR/Manager/Admin groups and one demo user in each, until stopped.
import { CLOUD_DEMO_ACCOUNTS, CLOUD_DEMO_PASSWORD } from '../main/services/cloud-demo-accounts';
import { startCognitoLocal } from '../tests/support/cognito-local';

/** The line scripts/dev-cloud.mjs waits for: the environment that puts Portside in cloud mode against this pool. */
const READY_PREFIX = 'COGNITO_READY ';

async function main(): Promise<void> {
  const cognito = await startCognitoLocal();
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void cognito.stop().finally(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // The parent going away (dev-cloud killed hard) must not leave the emulator running.
  process.on('disconnect', stop);
  for (const account of CLOUD_DEMO_ACCOUNTS) {
    await cognito.createUser(account.username, { password: CLOUD_DEMO_PASSWORD, name: account.displayName, groups: account.roles });
  }
  console.log(`${READY_PREFIX}${JSON.stringify(cognito.env())}`);
}

main().catch((error: unknown) => {
  console.error(`cognito-local could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
