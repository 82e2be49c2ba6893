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
    const already = this.db
      .prepare("SELECT waybill_no FROM waybill_pool WHERE carrier = ? AND used_by = ? AND status = 'used'")
      .pluck()
      .get(this.carrierName, req.idempotencyKey) as string | undefined;
    const waybill =
      already ??
      (this.db
        .prepare(
          `UPDATE waybill_pool SET status = 'used', used_by = ?, used_at = ?
           WHERE rowid = (SELECT rowid FROM waybill_pool WHERE carrier = ? AND status = 'free' ORDER BY waybill_no LIMIT 1)
           RETURNING waybill_no`,
        )
        .pluck()
        .get(req.idempotencyKey, new Date().toISOString(), this.carrierName) as string | undefined);
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

  async test(): Promise<string> {
    return `${this.free()} free ${this.carrierName} waybill numbers`;
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
