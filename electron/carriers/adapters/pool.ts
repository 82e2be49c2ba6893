import type { WaybillPoolRepo } from '../../store';
import type { BookingOutcome, CarrierAdapter, ShipmentRequest, TrackResult } from '../model';

/**
 * Offline waybill-number pool: numbers the carrier issued in advance (imported from its file). Allocation is one
 * atomic UPDATE … RETURNING, keyed by the idempotency key, so two benches never get the same number and asking again
 * with the same key gives the same number. A used number is never issued again, even after a cancel.
 */
export class PoolAdapter implements CarrierAdapter {
  readonly name = 'pool';

  constructor(
    private readonly pool: WaybillPoolRepo,
    private readonly carrierName: string,
    private readonly lowStockWarning: number,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /**
   * One number per parcel: the first parcel's is bound to the booking's key, the next ones to `key/2`, `key/3`, …, so
   * asking again gives every parcel the number it had. A pool too short for every parcel books none of them.
   */
  async book(req: ShipmentRequest): Promise<BookingOutcome> {
    const keys = req.parcels.map((_, i) => (i === 0 ? req.idempotencyKey : `${req.idempotencyKey}/${i + 1}`));
    const bound = keys.filter((k) => this.pool.boundTo(this.carrierName, k) !== undefined).length;
    const empty: BookingOutcome = {
      kind: 'rejected',
      code: 'pool-empty',
      message: `no free ${this.carrierName} waybill numbers left${keys.length > 1 ? ` for ${keys.length} parcels` : ''}: import the carrier's next file`,
    };
    if (this.free() < keys.length - bound) return empty;
    const numbers = keys.map((k) => this.allocate(k));
    const waybill = numbers[0];
    if (!waybill || numbers.some((n) => !n)) return empty;
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
        ...(numbers.length > 1 ? { parcels: numbers.map((n) => ({ waybillNo: n!, label: null })) } : {}),
      },
    };
  }

  /**
   * The number bound to this key: the one it already has, else the lowest free one. Binding is one statement, so no
   * interleaving of processes can give a key two numbers (a unique index on the key says so too).
   */
  allocate(key: string): string | undefined {
    return this.pool.allocate(this.carrierName, key, new Date().toISOString());
  }

  recover(req: ShipmentRequest): Promise<BookingOutcome> {
    return this.book(req);
  }

  async cancel(waybillNo: string) {
    const used = this.pool.isUsed(this.carrierName, waybillNo);
    return {
      ok: used,
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
    return this.pool.free(this.carrierName);
  }
}
