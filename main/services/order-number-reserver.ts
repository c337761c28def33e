// Tops up this device's reserved order-number blocks from the table's atomic counter while online (async, outside transactions).
import { ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { calendarInZone, deviceCodeFor } from '../../core/domain/order-number';

/** What the reserver needs of the local database (main/db/repos/order-number-blocks-repo.ts). */
export interface OrderNumberBlockStore {
  openBlocks(year: number): number;
  addBlock(year: number, first: number, last: number): void;
  deviceId(): string;
  claimedDeviceCode(): string | null;
  setClaimedDeviceCode(code: string): void;
}

export interface ReserveOptions {
  year: number;
  /** Numbers per block, e.g. 50. */
  blockSize: number;
  /** Blocks with unused numbers to hold for the year, e.g. 2 (the one in use and a spare). */
  keepAhead: number;
}

export const DEFAULT_BLOCK_SIZE = 50;
export const DEFAULT_KEEP_AHEAD = 2;
/** Device codes tried in turn when the derived one is held by another device. */
const DEVICE_CODE_ATTEMPTS = 20;

export const orderNumberCounterKey = (year: number): { PK: string; SK: string } => ({ PK: `COUNTER#ORDER_NUMBER#${year}`, SK: 'COUNTER' });
export const deviceCodeKey = (code: string): { PK: string; SK: string } => ({ PK: `DEVICE_CODE#${code}`, SK: 'DEVICE_CODE' });

/**
 * Reserves blocks for `year` until the device holds `keepAhead` blocks with unused numbers.
 * Each block is one `ADD last :blockSize` on the year's counter item: DynamoDB applies it
 * atomically, so every device gets a range no other device gets, [last - blockSize + 1, last].
 * A crash between the update and the local insert loses that block: a gap in the sequence,
 * never a duplicate. Returns the blocks reserved by this call.
 */
export async function reserveOrderNumberBlocks(
  client: DynamoDBClient,
  table: string,
  store: OrderNumberBlockStore,
  options: ReserveOptions,
): Promise<{ year: number; first: number; last: number }[]> {
  const { year, blockSize, keepAhead } = options;
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new RangeError(`blockSize must be a whole number ≥ 1 (got ${blockSize})`);
  const reserved: { year: number; first: number; last: number }[] = [];
  while (store.openBlocks(year) < keepAhead) {
    const result = await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { PK: { S: orderNumberCounterKey(year).PK }, SK: { S: 'COUNTER' } },
        UpdateExpression: 'ADD #last :size',
        ExpressionAttributeNames: { '#last': 'last' },
        ExpressionAttributeValues: { ':size': { N: String(blockSize) } },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const last = Number(result.Attributes?.last?.N);
    if (!Number.isSafeInteger(last) || last < blockSize)
      throw new Error(`the order-number counter for ${year} answered ${String(result.Attributes?.last?.N)}`);
    const block = { year, first: last - blockSize + 1, last };
    store.addBlock(block.year, block.first, block.last);
    reserved.push(block);
  }
  return reserved;
}

/**
 * Claims this device's code for provisional numbers in the table (`attribute_not_exists` or
 * already ours), trying the next derived code while another device holds one. Once claimed,
 * the code is kept in `settings` and never asked for again.
 */
export async function claimDeviceCode(client: DynamoDBClient, table: string, store: OrderNumberBlockStore): Promise<string> {
  const held = store.claimedDeviceCode();
  if (held !== null) return held;
  const deviceId = store.deviceId();
  for (let attempt = 0; attempt < DEVICE_CODE_ATTEMPTS; attempt += 1) {
    const code = deviceCodeFor(deviceId, attempt);
    const key = deviceCodeKey(code);
    try {
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: { PK: { S: key.PK }, SK: { S: key.SK }, deviceId: { S: deviceId } },
          ConditionExpression: 'attribute_not_exists(PK) OR deviceId = :me',
          ExpressionAttributeValues: { ':me': { S: deviceId } },
        }),
      );
      store.setClaimedDeviceCode(code);
      return code;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new Error(`no free device code after ${DEVICE_CODE_ATTEMPTS} attempts`);
}

/**
 * What the sync loop (and the start) call while online: claims the device code, keeps
 * `keepAhead` blocks for the office's current year and, in December, one for next year, so
 * numbers keep coming from the shared sequence on New Year's Day even when offline.
 */
export async function topUpOrderNumbers(
  client: DynamoDBClient,
  table: string,
  store: OrderNumberBlockStore,
  options: { now: string; timeZone: string; blockSize?: number; keepAhead?: number },
): Promise<{ year: number; first: number; last: number }[]> {
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const { year, month } = calendarInZone(options.now, options.timeZone);
  await claimDeviceCode(client, table, store);
  const reserved = await reserveOrderNumberBlocks(client, table, store, {
    year,
    blockSize,
    keepAhead: options.keepAhead ?? DEFAULT_KEEP_AHEAD,
  });
  if (month === 12) reserved.push(...(await reserveOrderNumberBlocks(client, table, store, { year: year + 1, blockSize, keepAhead: 1 })));
  return reserved;
}
