import type { Database } from 'better-sqlite3';

export type ShipmentStatus =
  'requesting' | 'booked' | 'unknown' | 'rejected' | 'cancelling' | 'cancelled' | 'needs-attention';

/** Shipments that hold (or may yet hold) a waybill at the carrier: one per parcel at a time. */
export const LIVE_STATUSES: readonly ShipmentStatus[] = [
  'requesting',
  'unknown',
  'booked',
  'needs-attention',
];

export interface ShipmentRow {
  id: number;
  session_id: string | null;
  order_id: number;
  carrier: string;
  service: string | null;
  idempotency_key: string;
  status: ShipmentStatus;
  waybill_no: string | null;
  mark_destination: string | null;
  sorting_code: string | null;
  request: string;
  response: string | null;
  error: string | null;
  weight_g: number | null;
  price_cents: number | null;
  choice: string | null;
  label_format: string | null;
  label: Buffer | null;
  created_at: string;
  updated_at: string;
  attention: string | null;
  raw_answer: string | null;
}

export class ShipmentsRepo {
  constructor(private readonly db: Database) {}

  /** Written (and committed) before the carrier is called: the key is what makes a retry safe. */
  create(row: {
    sessionId: string | null;
    orderId: number;
    carrier: string;
    key: string;
    request: unknown;
    weightG: number | null;
    priceCents: number | null;
    choice: string[];
    at: string;
  }): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO shipments (session_id, order_id, carrier, idempotency_key, status, request, weight_g, price_cents, choice, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'requesting', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.sessionId,
          row.orderId,
          row.carrier,
          row.key,
          JSON.stringify(row.request),
          row.weightG,
          row.priceCents,
          JSON.stringify(row.choice),
          row.at,
          row.at,
        ).lastInsertRowid,
    );
  }

  result(
    id: number,
    r: {
      status: ShipmentStatus;
      waybillNo?: string | null;
      markDestination?: string | null;
      sortingCode?: string | null;
      service?: string | null;
      response?: unknown;
      error?: string | null;
      labelFormat?: string | null;
      label?: Buffer | null;
    },
    at: string,
  ): void {
    this.db
      .prepare(
        `UPDATE shipments SET status = @status, waybill_no = coalesce(@waybill, waybill_no), mark_destination = coalesce(@mark, mark_destination),
           sorting_code = coalesce(@sorting, sorting_code), service = coalesce(@service, service), response = coalesce(@response, response),
           error = @error, label_format = coalesce(@labelFormat, label_format), label = coalesce(@label, label), updated_at = @at WHERE id = @id`,
      )
      .run({
        id,
        status: r.status,
        waybill: r.waybillNo ?? null,
        mark: r.markDestination ?? null,
        sorting: r.sortingCode ?? null,
        service: r.service ?? null,
        response: r.response === undefined ? null : JSON.stringify(r.response),
        error: r.error ?? null,
        labelFormat: r.labelFormat ?? null,
        label: r.label ?? null,
        at,
      });
  }

  /**
   * A carrier answer that cannot be recorded: kept as it came, with what went wrong in words, and never retried on
   * its own. The waybill the carrier named (if any) is kept in the raw answer, not in `waybill_no`, since recording it
   * there is what failed.
   */
  setAside(id: number, r: { attention: string; rawAnswer: unknown }, at: string): void {
    this.db
      .prepare(
        "UPDATE shipments SET status = 'needs-attention', attention = ?, raw_answer = ?, error = ?, updated_at = ? WHERE id = ?",
      )
      .run(r.attention, JSON.stringify(r.rawAnswer ?? null), r.attention, at, id);
  }

  /** The shipments of an order that hold or may hold a waybill, newest first. */
  liveFor(orderId: number): ShipmentRow[] {
    return this.db
      .prepare(
        `SELECT * FROM shipments WHERE order_id = ? AND status IN (${LIVE_STATUSES.map(() => '?').join(', ')}) ORDER BY id DESC`,
      )
      .all(orderId, ...LIVE_STATUSES) as ShipmentRow[];
  }

  /** How many shipments have a key starting so (tries of one parcel, cancelled ones included). */
  countKeys(prefix: string): number {
    return this.db
      .prepare('SELECT count(*) FROM shipments WHERE substr(idempotency_key, 1, length(?)) = ?')
      .pluck()
      .get(prefix, prefix) as number;
  }

  byKey(key: string): ShipmentRow | null {
    return (
      (this.db.prepare('SELECT * FROM shipments WHERE idempotency_key = ?').get(key) as
        ShipmentRow | undefined) ?? null
    );
  }

  /** Which row holds a carrier's waybill number already (a carrier may hand out a number twice). */
  holderOf(carrier: string, waybillNo: string): ShipmentRow | null {
    return (
      (this.db
        .prepare('SELECT * FROM shipments WHERE carrier = ? AND waybill_no = ?')
        .get(carrier, waybillNo) as ShipmentRow | undefined) ?? null
    );
  }

  /** Set aside for a lead: the bench shows them until they are resolved by hand. */
  needingAttention(): ShipmentRow[] {
    return this.db
      .prepare("SELECT * FROM shipments WHERE status = 'needs-attention' ORDER BY id")
      .all() as ShipmentRow[];
  }

  /** A box adopts a booking made outside it (from the command line) for its order. */
  adopt(id: number, sessionId: string, at: string): void {
    this.db
      .prepare('UPDATE shipments SET session_id = ?, updated_at = ? WHERE id = ?')
      .run(sessionId, at, id);
  }

  byId(id: number): ShipmentRow | null {
    return (
      (this.db.prepare('SELECT * FROM shipments WHERE id = ?').get(id) as ShipmentRow | undefined) ?? null
    );
  }

  /** Bookings whose outcome is not known yet: resolved first at start, then every few seconds. */
  unresolved(): ShipmentRow[] {
    return this.db
      .prepare("SELECT * FROM shipments WHERE status IN ('requesting', 'unknown') ORDER BY id")
      .all() as ShipmentRow[];
  }

  /** The booked shipment a waybill names: its own (master) number, or one of its cartons'. */
  byWaybill(waybillNo: string): ShipmentRow | null {
    return (
      (this.db
        .prepare(
          `SELECT * FROM shipments WHERE status = 'booked' AND (waybill_no = @n OR id IN (
             SELECT shipment_id FROM shipment_parcels WHERE waybill_no = @n)) ORDER BY id DESC LIMIT 1`,
        )
        .get({ n: waybillNo }) as ShipmentRow | undefined) ?? null
    );
  }

  /** Each carton's own number of a booking of several cartons (written with the booking's answer). */
  addParcels(
    shipmentId: number,
    parcels: { carton: number; waybillNo: string; weightG: number | null }[],
  ): void {
    const add = this.db.prepare(
      `INSERT INTO shipment_parcels (shipment_id, carton, waybill_no, weight_g) VALUES (?, ?, ?, ?)
       ON CONFLICT (shipment_id, carton) DO UPDATE SET waybill_no = excluded.waybill_no, weight_g = excluded.weight_g`,
    );
    for (const p of parcels) add.run(shipmentId, p.carton, p.waybillNo, p.weightG);
  }

  parcelsOf(shipmentId: number): { carton: number; waybillNo: string; weightG: number | null }[] {
    return this.db
      .prepare(
        'SELECT carton, waybill_no AS waybillNo, weight_g AS weightG FROM shipment_parcels WHERE shipment_id = ? ORDER BY carton',
      )
      .all(shipmentId) as { carton: number; waybillNo: string; weightG: number | null }[];
  }

  /** The order's latest booked shipment (its face sheet's waybill). */
  latestBooked(orderId: number): ShipmentRow | null {
    return (
      (this.db
        .prepare("SELECT * FROM shipments WHERE order_id = ? AND status = 'booked' ORDER BY id DESC LIMIT 1")
        .get(orderId) as ShipmentRow | undefined) ?? null
    );
  }

  latestBookedFor(orderId: number): string | null {
    return (
      (this.db
        .prepare(
          "SELECT waybill_no FROM shipments WHERE order_id = ? AND status = 'booked' ORDER BY id DESC LIMIT 1",
        )
        .pluck()
        .get(orderId) as string | undefined) ?? null
    );
  }

  countBooked(): number {
    return this.db.prepare("SELECT count(*) FROM shipments WHERE status = 'booked'").pluck().get() as number;
  }
}
