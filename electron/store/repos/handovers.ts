import type { Database } from 'better-sqlite3';

export interface HandoverLine {
  waybillNo: string;
  orderNo: string;
  weightG: number | null;
  scannedAt: string;
  /** The bench that packed the box (a warehouse's dock loads every bench's boxes). */
  bench?: string;
}

/** A booked shipment as the loading dock sees it: its carrier and whether its box was closed. */
export interface LoadableShipment {
  id: number;
  carrier: string;
  waybill_no: string;
  session_status: string;
  order_no: string;
}

/** 交接 batches: which closed boxes went onto which carrier's batch, and when. */
export class HandoversRepo {
  constructor(private readonly db: Database) {}

  openAt(stationId: string): { id: number; carrier: string } | null {
    return (
      (this.db
        .prepare(
          "SELECT id, carrier FROM handovers WHERE station_id = ? AND status = 'open' ORDER BY id LIMIT 1",
        )
        .get(stationId) as { id: number; carrier: string } | undefined) ?? null
    );
  }

  open(carrier: string, stationId: string, by: string | null, at: string): number {
    return Number(
      this.db
        .prepare(
          "INSERT INTO handovers (carrier, status, station_id, opened_by, opened_at) VALUES (?, 'open', ?, ?, ?)",
        )
        .run(carrier, stationId, by, at).lastInsertRowid,
    );
  }

  lines(id: number): HandoverLine[] {
    return this.db
      .prepare(
        `SELECT s.waybill_no AS waybillNo, o.order_no AS orderNo, s.weight_g AS weightG, i.scanned_at AS scannedAt
         FROM handover_items i JOIN shipments s ON s.id = i.shipment_id JOIN orders o ON o.id = s.order_id
         WHERE i.handover_id = ? ORDER BY i.scanned_at`,
      )
      .all(id) as HandoverLine[];
  }

  /** The booked shipment a waybill names, with its box's status; null when no box was labelled with it. */
  loadable(waybillNo: string): LoadableShipment | null {
    return (
      (this.db
        .prepare(
          "SELECT s.id, s.carrier, s.waybill_no, p.status AS session_status, o.order_no FROM shipments s JOIN pack_sessions p ON p.id = s.session_id JOIN orders o ON o.id = s.order_id WHERE s.waybill_no = ? AND s.status = 'booked'",
        )
        .get(waybillNo) as LoadableShipment | undefined) ?? null
    );
  }

  /** The batch a shipment is already on, if any. */
  batchOf(shipmentId: number): number | null {
    return (
      (this.db
        .prepare('SELECT handover_id FROM handover_items WHERE shipment_id = ?')
        .pluck()
        .get(shipmentId) as number | undefined) ?? null
    );
  }

  load(batchId: number, shipmentId: number, at: string): void {
    this.db
      .prepare('INSERT INTO handover_items (handover_id, shipment_id, scanned_at) VALUES (?, ?, ?)')
      .run(batchId, shipmentId, at);
  }

  close(id: number, by: string | null, at: string): void {
    this.db
      .prepare("UPDATE handovers SET status = 'closed', closed_by = ?, closed_at = ? WHERE id = ?")
      .run(by, at, id);
  }

  daily(from: string, to: string): { day: string; carrier: string; boxes: number; weightG: number }[] {
    return this.db
      .prepare(
        `SELECT substr(h.closed_at, 1, 10) AS day, h.carrier, count(*) AS boxes, coalesce(sum(s.weight_g), 0) AS weightG
         FROM handovers h JOIN handover_items i ON i.handover_id = h.id JOIN shipments s ON s.id = i.shipment_id
         WHERE h.status = 'closed' AND substr(h.closed_at, 1, 10) BETWEEN ? AND ? GROUP BY day, h.carrier ORDER BY day, h.carrier`,
      )
      .all(from, to) as { day: string; carrier: string; boxes: number; weightG: number }[];
  }

  /** Closed boxes of this bench no batch has taken yet (booked, label scanned, not loaded), closed since `since`. */
  shelf(
    stationId: string,
    since: string,
  ): { carrier: string; bench: string; boxes: number; oldest: string }[] {
    return this.db
      .prepare(
        `SELECT s.carrier, p.station_id AS bench, count(*) AS boxes, min(p.closed_at) AS oldest
         FROM pack_sessions p JOIN shipments s ON s.session_id = p.id AND s.status = 'booked'
         WHERE p.station_id = ? AND p.status = 'closed' AND p.closed_at >= ?
           AND NOT EXISTS (SELECT 1 FROM handover_items i WHERE i.shipment_id = s.id)
         GROUP BY s.carrier ORDER BY s.carrier`,
      )
      .all(stationId, since) as { carrier: string; bench: string; boxes: number; oldest: string }[];
  }
}
