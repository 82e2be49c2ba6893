import type { Database } from 'better-sqlite3';
import type { BookingOutcome, CarrierAdapter, ShipmentRequest, TrackResult } from '../model';

/**
 * Offline waybill-number pool: numbers the carrier issued in advance (imported from its file). Allocation is one
 * atomic UPDATE … RETURNING, keyed by the idempotency key, so two benches never get the same number and asking again
 * with the same key gives the same number. A used number is never issued again, even after a cancel.
 */
export class PoolAdapter implements CarrierAdapter {
  readonly name = 'pool';

  constructor(
    private readonly db: Database,
    private readonly carrierName: string,
    private readonly lowStockWarning: number,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  async book(req: ShipmentRequest): Promise<BookingOutcome> {
    const waybill = this.allocate(req.idempotencyKey);
    if (!waybill)
      return {
        kind: 'rejected',
        code: 'pool-empty',
        message: `no free ${this.carrierName} waybill numbers left: import the carrier's next file`,
      };
    const left = this.free();
    if (left < this.lowStockWarning)
      this.warn(`only ${left} ${this.carrierName} waybill numbers left in the pool`);
    const r = req.recipient;
    return {
      kind: 'booked',
      details: {
        carrier: `pool:${this.carrierName}`,
        service: null,
        waybillNo: waybill,
        markDestination: `${r.city.replace(/市$/, '')} ${r.district}`.trim(),
        sortingCode: null,
        label: null,
      },
    };
  }

  /**
   * The number bound to this key: the one it already has, else the lowest free one. Binding is one statement, so no
   * interleaving of processes can give a key two numbers (a unique index on the key says so too).
   */
  allocate(key: string): string | undefined {
    const existing = () =>
      this.db
        .prepare('SELECT waybill_no FROM waybill_pool WHERE carrier = ? AND used_by = ?')
        .pluck()
        .get(this.carrierName, key) as string | undefined;
    try {
      const taken = this.db
        .prepare(
          `UPDATE waybill_pool SET status = 'used', used_by = @key, used_at = @at
           WHERE rowid = (SELECT rowid FROM waybill_pool WHERE carrier = @carrier AND status = 'free' ORDER BY waybill_no LIMIT 1)
             AND NOT EXISTS (SELECT 1 FROM waybill_pool WHERE carrier = @carrier AND used_by = @key)
           RETURNING waybill_no`,
        )
        .pluck()
        .get({ key, at: new Date().toISOString(), carrier: this.carrierName }) as string | undefined;
      return taken ?? existing();
    } catch (err) {
      if (/UNIQUE constraint failed: waybill_pool/.test((err as Error).message)) return existing();
      throw err;
    }
  }

  recover(req: ShipmentRequest): Promise<BookingOutcome> {
    return this.book(req);
  }

  async cancel(waybillNo: string) {
    const used = this.db
      .prepare("SELECT 1 FROM waybill_pool WHERE carrier = ? AND waybill_no = ? AND status = 'used'")
      .get(this.carrierName, waybillNo);
    return {
      ok: used !== undefined,
      message: used
        ? 'cancelled; the number stays used and is never issued again'
        : `${waybillNo} is not a used number of this pool`,
    };
  }

  async track(): Promise<TrackResult> {
    return { state: 'unknown', events: [] };
  }

  /** A pool with no free number cannot book: that is a failed test, not "ok". */
  async test(): Promise<string> {
    const free = this.free();
    if (free === 0)
      throw new Error(
        `no free ${this.carrierName} waybill numbers: import the carrier's file (carrier pool-import)`,
      );
    return `${free} free ${this.carrierName} waybill numbers`;
  }

  free(): number {
    return this.db
      .prepare("SELECT count(*) FROM waybill_pool WHERE carrier = ? AND status = 'free'")
      .pluck()
      .get(this.carrierName) as number;
  }

  /** Numbers from the carrier's file (one per line, or the first column of a CSV); known numbers are skipped. */
  static import(db: Database, carrier: string, numbers: string[]): { added: number; skipped: number } {
    const insert = db.prepare(
      "INSERT OR IGNORE INTO waybill_pool (carrier, waybill_no, status, imported_at) VALUES (?, ?, 'free', ?)",
    );
    const at = new Date().toISOString();
    let added = 0;
    db.transaction(() => {
      for (const n of numbers) added += insert.run(carrier, n, at).changes;
    })();
    return { added, skipped: numbers.length - added };
  }
}
