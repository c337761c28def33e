// SQL for reserved order-number blocks, the offline fallback sequence and this device's code: prepared statements only.
import { deviceCodeFor } from '../../../core/domain/order-number';
import { ChainSettings } from '../audit-chain';
import type { Db } from '../database';

/** The device code this device holds in the table (claimed while online), in `settings`. */
export const CLAIMED_DEVICE_CODE_KEY = 'order_number_device_code';

export interface OrderNumberBlock {
  year: number;
  first: number;
  last: number;
  next: number;
}

export class OrderNumberBlocksRepo {
  private readonly takeStmt;
  private readonly addStmt;
  private readonly openBlocksStmt;
  private readonly blocksStmt;
  private readonly provisionalStmt;
  private readonly settings: ChainSettings;

  // INDEXED BY: used-up blocks pile up over the years; the partial index skips them, and SQLite
  // refuses the statement outright if a schema change ever makes the index unusable.
  constructor(db: Db) {
    this.takeStmt = db.prepare<[number, number], { taken: number }>(
      `UPDATE order_number_blocks SET next = next + 1
       WHERE year = ? AND first = (SELECT first FROM order_number_blocks INDEXED BY order_number_blocks_open
                    WHERE year = ? AND next <= last ORDER BY first LIMIT 1)
       RETURNING next - 1 AS taken`,
    );
    this.addStmt = db.prepare<[number, number, number, number]>(
      `INSERT INTO order_number_blocks (year, first, last, next, reserved_at)
       VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    );
    this.openBlocksStmt = db.prepare<[number], { blocks: number }>(
      `SELECT count(*) AS blocks FROM order_number_blocks INDEXED BY order_number_blocks_open WHERE year = ? AND next <= last`,
    );
    this.blocksStmt = db.prepare<[number], OrderNumberBlock>(
      `SELECT year, first, last, next FROM order_number_blocks WHERE year = ? ORDER BY first`,
    );
    this.provisionalStmt = db.prepare<[number], { last: number }>(
      `INSERT INTO provisional_order_counters (year, last) VALUES (?, 1)
       ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last`,
    );
    this.settings = new ChainSettings(db);
  }

  /** Takes the next unused number of the year's oldest open block; null when every block is used up. */
  takeReserved(year: number): number | null {
    return this.takeStmt.get(year, year)?.taken ?? null;
  }

  /** Keeps a block just reserved from the table, all of it unused. */
  addBlock(year: number, first: number, last: number): void {
    this.addStmt.run(year, first, last, first);
  }

  /** How many of the year's blocks still hold unused numbers. */
  openBlocks(year: number): number {
    return this.openBlocksStmt.get(year)?.blocks ?? 0;
  }

  blocks(year: number): OrderNumberBlock[] {
    return this.blocksStmt.all(year);
  }

  /** The next number of this device's own fallback sequence for the year: 1, 2, 3... */
  nextProvisionalSeq(year: number): number {
    return this.provisionalStmt.get(year)?.last ?? 1;
  }

  /** The audit chain's device id (one id per device: the same one signs its audit entries). */
  deviceId(): string {
    return this.settings.deviceId();
  }

  claimedDeviceCode(): string | null {
    return this.settings.get(CLAIMED_DEVICE_CODE_KEY) ?? null;
  }

  setClaimedDeviceCode(code: string): void {
    this.settings.put(CLAIMED_DEVICE_CODE_KEY, code);
  }

  /** The code fallback numbers carry: the one claimed in the table, else the first derived from the device id. */
  deviceCode(): string {
    return this.claimedDeviceCode() ?? deviceCodeFor(this.deviceId());
  }
}
