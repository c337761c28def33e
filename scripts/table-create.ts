// `npm run table:create`: creates the configured DynamoDB table and its indexes if missing; exit 0 ready, 1 failed, 2 configuration error.
import { ConfigError, loadConfig, type PortsideConfig } from '../main/config';
import { createTableIfMissing } from '../sync/table-schema';
import { createDynamoDbClient, describeTableError, type TableSettings } from '../sync/table-setup';

const USAGE =
  'usage: PORTSIDE_TABLE=<name> AWS_REGION=<region> [PORTSIDE_DYNAMODB_ENDPOINT=<url>] npm run table:create\n' +
  '  (or the same keys in portside.config.json in PORTSIDE_DATA_DIR; credentials come from the default AWS chain)';

function configError(message: string): number {
  console.error(`table:create: ${message}\n${USAGE}`);
  return 2;
}

async function main(): Promise<number> {
  if (process.argv.length > 2) return configError(`takes no arguments (got ${process.argv.slice(2).join(' ')}).`);
  let config: PortsideConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) return configError(error.message);
    throw error;
  }
  if (!config.table) return configError('PORTSIDE_TABLE is not set: name the table to create.');
  const settings: TableSettings = { table: config.table, region: config.region, endpoint: config.dynamodbEndpoint };
  const where = settings.endpoint ?? `AWS region ${settings.region ?? '(from your AWS profile)'}`;
  console.log(`Preparing DynamoDB table "${settings.table}" at ${where} ...`);
  const client = createDynamoDbClient(settings);
  try {
    const { created } = await createTableIfMissing(client, settings.table);
    console.log(
      created
        ? `Created table "${settings.table}" (PK/SK, GSI1 customer orders, GSI2 change feed, on demand); it is ACTIVE.`
        : `Table "${settings.table}" already exists with Portside's keys and indexes; nothing to do.`,
    );
    return 0;
  } catch (error) {
    console.error(`table:create: ${describeTableError(error, settings)}`);
    return 1;
  } finally {
    client.destroy();
  }
}

process.exitCode = await main();
