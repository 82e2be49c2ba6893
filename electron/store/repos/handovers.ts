import type { Database } from 'better-sqlite3';

export interface HandoverLine {
  waybillNo: string;
  orderNo: string;
  weightG: number | null;
  scannedAt: string;
  /** The bench that packed the box (a warehouse's dock loads every bench's boxes). */
  bench?: string;
  /** Which carton of its order, of how many (1 of 1 for an order in one carton). */
  carton: number;
  cartons: number;
}

/** A carton of an order on the batch that is not on it yet. */
export interface MissingCarton {
  orderNo: string;
  carton: number;
  cartons: number;
  waybillNo: string;
}

/** A booked shipment as the loading dock sees it: its carrier and whether its box was closed. */
export interface LoadableShipment {
  id: number;
  carrier: string;
  /** The scanned carton's own number (the shipment's for one carton). */
  waybill_no: string;
  session_status: string;
  order_no: string;
  carton: number;
  cartons: number;
}

/** The cartons of a shipment: its parcels, or the one carton it is. */
const CARTONS = `(SELECT max(1, count(*)) FROM shipment_parcels sp WHERE sp.shipment_id = s.id)`;

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
        `SELECT coalesce(p.waybill_no, s.waybill_no) AS waybillNo, o.order_no AS orderNo,
                coalesce(p.weight_g, s.weight_g) AS weightG, i.scanned_at AS scannedAt, i.carton, ${CARTONS} AS cartons
         FROM handover_items i JOIN shipments s ON s.id = i.shipment_id JOIN orders o ON o.id = s.order_id
         LEFT JOIN shipment_parcels p ON p.shipment_id = i.shipment_id AND p.carton = i.carton
         WHERE i.handover_id = ? ORDER BY i.scanned_at, i.carton`,
      )
      .all(id) as HandoverLine[];
  }

  /**
   * The booked shipment a waybill names, with its box's status and which carton the number is; null when no box was
   * labelled with it. An order in several cartons is found by any carton's own number.
   */
  loadable(waybillNo: string): LoadableShipment | null {
    const select = `SELECT s.id, s.carrier, %W AS waybill_no, p.status AS session_status, o.order_no, %C AS carton,
        ${CARTONS} AS cartons
      FROM shipments s JOIN pack_sessions p ON p.id = s.session_id JOIN orders o ON o.id = s.order_id`;
    const carton = this.db
      .prepare(
        `${select.replace('%W', 'sp.waybill_no').replace('%C', 'sp.carton')} JOIN shipment_parcels sp ON sp.shipment_id = s.id
         WHERE sp.waybill_no = ? AND s.status = 'booked' ORDER BY s.id DESC LIMIT 1`,
      )
      .get(waybillNo) as LoadableShipment | undefined;
    if (carton) return carton;
    return (
      (this.db
        .prepare(
          `${select.replace('%W', 's.waybill_no').replace('%C', '1')} WHERE s.waybill_no = ? AND s.status = 'booked'`,
        )
        .get(waybillNo) as LoadableShipment | undefined) ?? null
    );
  }

  /** The batch a shipment's carton is already on, if any. */
  batchOf(shipmentId: number, carton = 1): number | null {
    return (
      (this.db
        .prepare('SELECT handover_id FROM handover_items WHERE shipment_id = ? AND carton = ?')
        .pluck()
        .get(shipmentId, carton) as number | undefined) ?? null
    );
  }

  load(batchId: number, shipmentId: number, at: string, carton = 1): void {
    this.db
      .prepare(
        'INSERT INTO handover_items (handover_id, shipment_id, carton, scanned_at) VALUES (?, ?, ?, ?)',
      )
      .run(batchId, shipmentId, carton, at);
  }

  /** Cartons of the orders on this batch that no batch has taken: the batch warns, by order. */
  missing(batchId: number): MissingCarton[] {
    return this.db
      .prepare(
        `SELECT o.order_no AS orderNo, sp.carton, (SELECT count(*) FROM shipment_parcels c WHERE c.shipment_id = sp.shipment_id) AS cartons,
                sp.waybill_no AS waybillNo
         FROM shipment_parcels sp JOIN shipments s ON s.id = sp.shipment_id JOIN orders o ON o.id = s.order_id
         WHERE sp.shipment_id IN (SELECT shipment_id FROM handover_items WHERE handover_id = ?)
           AND NOT EXISTS (SELECT 1 FROM handover_items i WHERE i.shipment_id = sp.shipment_id AND i.carton = sp.carton)
         ORDER BY o.order_no, sp.carton`,
      )
      .all(batchId) as MissingCarton[];
  }

  close(id: number, by: string | null, at: string): void {
    this.db
      .prepare("UPDATE handovers SET status = 'closed', closed_by = ?, closed_at = ? WHERE id = ?")
      .run(by, at, id);
  }

  /** Cartons and orders handed over per day and carrier (an order in several cartons counts once as an order). */
  daily(
    from: string,
    to: string,
  ): { day: string; carrier: string; boxes: number; orders: number; weightG: number }[] {
    return this.db
      .prepare(
        `SELECT substr(h.closed_at, 1, 10) AS day, h.carrier, count(*) AS boxes, count(DISTINCT s.order_id) AS orders,
                coalesce(sum(coalesce(p.weight_g, CASE WHEN i.carton = 1 THEN s.weight_g END)), 0) AS weightG
         FROM handovers h JOIN handover_items i ON i.handover_id = h.id JOIN shipments s ON s.id = i.shipment_id
         LEFT JOIN shipment_parcels p ON p.shipment_id = i.shipment_id AND p.carton = i.carton
         WHERE h.status = 'closed' AND substr(h.closed_at, 1, 10) BETWEEN ? AND ? GROUP BY day, h.carrier ORDER BY day, h.carrier`,
      )
      .all(from, to) as { day: string; carrier: string; boxes: number; orders: number; weightG: number }[];
  }

  /**
   * Closed cartons of this bench no batch has taken yet (booked, label scanned, not loaded), closed since `since`;
   * each carton of an order in several counts.
   */
  shelf(
    stationId: string,
    since: string,
  ): { carrier: string; bench: string; boxes: number; oldest: string }[] {
    return this.db
      .prepare(
        `SELECT s.carrier, p.station_id AS bench, count(*) AS boxes, min(p.closed_at) AS oldest
         FROM pack_sessions p JOIN shipments s ON s.session_id = p.id AND s.status = 'booked'
         LEFT JOIN shipment_parcels sp ON sp.shipment_id = s.id
         WHERE p.station_id = ? AND p.status = 'closed' AND p.closed_at >= ?
           AND NOT EXISTS (SELECT 1 FROM handover_items i WHERE i.shipment_id = s.id AND i.carton = coalesce(sp.carton, 1))
         GROUP BY s.carrier ORDER BY s.carrier`,
      )
      .all(stationId, since) as { carrier: string; bench: string; boxes: number; oldest: string }[];
  }
}
