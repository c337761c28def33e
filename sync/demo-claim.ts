// The demo claim: of several fresh demo instances on one table, exactly one seeds the demo records (a conditional put decides).
import { ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

/** Outside the change feed (no GSI2 keys): pull never sees it. */
export const DEMO_CLAIM_KEY = { PK: 'DEMO', SK: 'SEEDED' } as const;

export type DemoClaimOutcome = 'won' | 'lost';

/**
 * Puts `DEMO / SEEDED` naming this device unless another device's claim is there. `won` also when
 * the claim is already ours (a crash between the claim and the local seed: seed again on the next
 * start). Network faults are thrown: the caller must not seed until the claim is decided.
 */
export async function claimDemoSeed(client: DynamoDBClient, table: string, deviceId: string, claimedAt: string): Promise<DemoClaimOutcome> {
  try {
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: { PK: { S: DEMO_CLAIM_KEY.PK }, SK: { S: DEMO_CLAIM_KEY.SK }, deviceId: { S: deviceId }, claimedAt: { S: claimedAt } },
        ConditionExpression: 'attribute_not_exists(PK) OR deviceId = :me',
        ExpressionAttributeValues: { ':me': { S: deviceId } },
      }),
    );
    return 'won';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'lost';
    throw error;
  }
}
