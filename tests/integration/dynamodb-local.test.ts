// The emulator the sync tests run against starts on loopback, answers, and stops cleanly.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';

let ddb: DynamoDbLocal;
beforeAll(async () => {
  ddb = await startDynamoDbLocal();
});
afterAll(async () => {
  await ddb.stop();
});

it('runs DynamoDB Local on 127.0.0.1 with conditional writes', async () => {
  expect(ddb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const client = ddb.client();
  await client.send(
    new CreateTableCommand({
      TableName: 'probe',
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const put = (): PutItemCommand =>
    new PutItemCommand({ TableName: 'probe', Item: { PK: { S: 'A' } }, ConditionExpression: 'attribute_not_exists(PK)' });
  await client.send(put());
  await expect(client.send(put())).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  expect((await client.send(new GetItemCommand({ TableName: 'probe', Key: { PK: { S: 'A' } } }))).Item).toEqual({ PK: { S: 'A' } });
  client.destroy();
});
