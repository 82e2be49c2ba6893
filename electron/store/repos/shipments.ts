import type { Database } from 'better-sqlite3';

export type ShipmentStatus = 'requesting' | 'booked' | 'unknown' | 'rejected' | 'cancelling' | 'cancelled';

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

  byWaybill(waybillNo: string): ShipmentRow | null {
    return (
      (this.db
        .prepare(
          "SELECT * FROM shipments WHERE waybill_no = ? AND status = 'booked' ORDER BY id DESC LIMIT 1",
        )
        .get(waybillNo) as ShipmentRow | undefined) ?? null
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
