// A push pass in its own process, for the crash spec that SIGKILLs it mid-pass: prints each committed part's token as it goes.
// Usage: node --import ./scripts/raw-loader.mjs --import tsx tests/support/push-child.ts <sqlite file> <endpoint> <table>
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { openDatabase } from '../../main/db/database';
import { OutboxRepo } from '../../main/db/repos/outbox-repo';
import { dynamoPushClient, type PushClient, pushPending } from '../../sync/push';
import { LOCAL_CREDENTIALS } from './dynamodb-local';

const [file, endpoint, table] = process.argv.slice(2);
if (!file || !endpoint || !table) throw new Error('usage: push-child.ts <sqlite file> <endpoint> <table>');

const db = openDatabase(file);
const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
const real = dynamoPushClient(client);
const reporting: PushClient = {
  getItems: (t, keys) => real.getItems(t, keys),
  async transactWrite(input) {
    const out = await real.transactWrite(input);
    process.stdout.write(`committed ${input.ClientRequestToken}\n`);
    return out;
  },
};
process.stdout.write('started\n');
const result = await pushPending({ client: reporting, tableName: table, store: new OutboxRepo(db) });
process.stdout.write(`finished ${JSON.stringify(result)}\n`);
client.destroy();
db.close();
