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
