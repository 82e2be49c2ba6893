import type pg from 'pg';
import type { EventUp, HandoverLine, MissingCarton } from '../repos';

type Q = pg.Pool | pg.PoolClient;

/** The waybill a box event names, and its carrier where the event says it. */
interface ShipmentEvent {
  waybillNo?: string | null;
  carrier?: string;
  shipmentId?: number;
  weightG?: number | null;
  /** An order in several cartons: each carton's own number and weight (box.booked). */
  parcels?: { carton: number; waybillNo: string; weightG: number | null }[];
}

/**
 * The shipments projection: a box booked at any bench becomes loadable at every dock, once its bench closes it.
 * Runs inside the replicator's transaction, for events new to the warehouse only.
 */
export async function projectShipment(client: pg.PoolClient, bench: string, e: EventUp): Promise<void> {
  const p = JSON.parse(e.payload) as ShipmentEvent;
  if (!p.waybillNo) return;
  if (e.type === 'box.booked' || e.type === 'box.waybillEntered') {
    // A waybill entered by a lead names no carrier: it is the one the box's booking asked.
    const carrier =
      p.carrier ??
      (
        await client.query<{ carrier: string }>(
          `SELECT payload->>'carrier' AS carrier FROM events WHERE bench_id = $1 AND session_id = $2
           AND type = 'box.booking' AND payload->'shipmentId' = to_jsonb($3::integer) ORDER BY seq DESC LIMIT 1`,
          [bench, e.sessionId, p.shipmentId ?? null],
        )
      ).rows[0]?.carrier;
    if (!carrier) return;
    // Several cartons: a row per carton's own number (the first carries the master), each loaded by its own scan.
    const rows =
      p.parcels && p.parcels.length > 1
        ? p.parcels.map((c) => ({ no: c.waybillNo, carton: c.carton, weightG: c.weightG }))
        : [{ no: p.waybillNo, carton: 1, weightG: null }];
    const cartons = rows.length;
    let taken: string | null = null;
    for (const row of rows) {
      const r = await client.query(
        `INSERT INTO shipments (waybill_no, carrier, order_no, bench_id, session_id, status, booked_at, carton, cartons, master_no, weight_g)
         SELECT $1, $2, order_no, $3, $4, 'booked', $5, $6, $7, $8, $9 FROM bench_sessions WHERE session_id = $4
         ON CONFLICT (waybill_no) DO UPDATE SET status = 'booked', carrier = EXCLUDED.carrier, closed_at = NULL,
           carton = EXCLUDED.carton, cartons = EXCLUDED.cartons, master_no = EXCLUDED.master_no, weight_g = EXCLUDED.weight_g
           WHERE shipments.session_id = EXCLUDED.session_id`,
        [
          row.no,
          carrier,
          bench,
          e.sessionId,
          e.at,
          row.carton,
          cartons,
          cartons > 1 ? p.waybillNo : null,
          row.weightG,
        ],
      );
      if (r.rowCount !== 1) taken ??= row.no;
    }
    if (taken === null) return;
    // One waybill on two boxes: two labels with one number reach the courier, the lead must see it.
    await client.query(
      `INSERT INTO mismatches (bench_id, session_id, seq, type, order_no, code, expected, actual, packer, at)
       SELECT $1, $2, $3, 'waybill-duplicate', b.order_no, $4, s.bench_id || ' ' || s.order_no, $1, $5, $6
       FROM shipments s, bench_sessions b WHERE s.waybill_no = $4 AND b.session_id = $2
       ON CONFLICT DO NOTHING`,
      [bench, e.sessionId, e.seq, taken, e.packer, e.at],
    );
    return;
  }
  if (e.type === 'box.bookingCancelled') {
    await client.query(
      "UPDATE shipments SET status = 'cancelled' WHERE (waybill_no = $1 OR master_no = $1) AND session_id = $2",
      [p.waybillNo, e.sessionId],
    );
    return;
  }
  if (e.type === 'box.closed') {
    // Every carton of the order closes with it; one carton keeps the weight the close names.
    const r = await client.query<{ carrier: string; weight_g: number | null }>(
      `UPDATE shipments SET closed_at = $3, weight_g = CASE WHEN cartons > 1 THEN weight_g ELSE $4 END
       WHERE (waybill_no = $1 OR master_no = $1) AND session_id = $2 AND status = 'booked' AND closed_at IS NULL
       RETURNING carrier, weight_g`,
      [p.waybillNo, e.sessionId, e.at, p.weightG ?? null],
    );
    const carrier = r.rows[0]?.carrier;
    if (carrier)
      await client.query(
        `INSERT INTO daily_counts (day, bench_id, carrier, boxes, orders, weight_g)
         VALUES (($1::timestamptz AT TIME ZONE 'UTC')::date, $2, $3, $4, 1, $5)
         ON CONFLICT (day, bench_id, carrier) DO UPDATE
           SET boxes = daily_counts.boxes + EXCLUDED.boxes, orders = daily_counts.orders + 1,
               weight_g = daily_counts.weight_g + EXCLUDED.weight_g`,
        [e.at, bench, carrier, r.rowCount, r.rows.reduce((g, x) => g + (x.weight_g ?? 0), 0)],
      );
  }
}

/** A box as the shared dock finds it by the waybill on its label. */
export interface DockShipment {
  carrier: string;
  orderNo: string;
  bench: string;
  closed: boolean;
  batchId: number | null;
  carton: number;
  cartons: number;
}

export async function openBatchAt(q: Q, bench: string): Promise<{ id: number; carrier: string } | null> {
  const r = await q.query<{ id: string; carrier: string }>(
    "SELECT id, carrier FROM handovers WHERE bench_id = $1 AND status = 'open'",
    [bench],
  );
  const h = r.rows[0];
  return h ? { id: Number(h.id), carrier: h.carrier } : null;
}

export async function openBatch(q: Q, carrier: string, bench: string, by: string | null): Promise<number> {
  const r = await q.query<{ id: string }>(
    'INSERT INTO handovers (carrier, bench_id, opened_by) VALUES ($1, $2, $3) RETURNING id',
    [carrier, bench, by],
  );
  return Number(r.rows[0]!.id);
}

export async function batchLines(q: Q, id: number): Promise<HandoverLine[]> {
  const r = await q.query<{
    waybill_no: string;
    order_no: string;
    weight_g: number | null;
    scanned_at: Date;
    bench_id: string;
    carton: number;
    cartons: number;
  }>(
    `SELECT s.waybill_no, s.order_no, s.weight_g, i.scanned_at, s.bench_id, s.carton, s.cartons
     FROM handover_items i JOIN shipments s USING (waybill_no) WHERE i.handover_id = $1 ORDER BY i.scanned_at`,
    [id],
  );
  return r.rows.map((l) => ({
    waybillNo: l.waybill_no,
    orderNo: l.order_no,
    weightG: l.weight_g,
    scannedAt: l.scanned_at.toISOString(),
    bench: l.bench_id,
    carton: l.carton,
    cartons: l.cartons,
  }));
}

/** Cartons of the orders on a batch that are on no batch yet: the dock warns, by order. */
export async function missingCartons(q: Q, id: number): Promise<MissingCarton[]> {
  const r = await q.query<{ order_no: string; carton: number; cartons: number; waybill_no: string }>(
    `SELECT s.order_no, s.carton, s.cartons, s.waybill_no FROM shipments s
     WHERE s.status = 'booked' AND s.cartons > 1 AND s.loaded_at IS NULL AND s.session_id IN (
       SELECT x.session_id FROM handover_items i JOIN shipments x USING (waybill_no) WHERE i.handover_id = $1)
     ORDER BY s.order_no, s.carton`,
    [id],
  );
  return r.rows.map((m) => ({
    orderNo: m.order_no,
    carton: m.carton,
    cartons: m.cartons,
    waybillNo: m.waybill_no,
  }));
}

export async function dockShipment(q: Q, waybillNo: string): Promise<DockShipment | null> {
  const r = await q.query<{
    carrier: string;
    order_no: string;
    bench_id: string;
    closed_at: Date | null;
    handover_id: string | null;
    carton: number;
    cartons: number;
  }>(
    `SELECT s.carrier, s.order_no, s.bench_id, s.closed_at, i.handover_id, s.carton, s.cartons
     FROM shipments s LEFT JOIN handover_items i USING (waybill_no) WHERE s.waybill_no = $1 AND s.status = 'booked'`,
    [waybillNo],
  );
  const s = r.rows[0];
  return s
    ? {
        carrier: s.carrier,
        orderNo: s.order_no,
        bench: s.bench_id,
        closed: s.closed_at !== null,
        batchId: s.handover_id === null ? null : Number(s.handover_id),
        carton: s.carton,
        cartons: s.cartons,
      }
    : null;
}

/** Puts a box on a batch; null when another dock loaded it first (the batch it is on). */
export async function loadBox(
  q: Q,
  batchId: number,
  waybillNo: string,
  bench: string,
): Promise<number | null> {
  const r = await q.query(
    `WITH i AS (INSERT INTO handover_items (waybill_no, handover_id, bench_id) VALUES ($1, $2, $3)
                ON CONFLICT DO NOTHING RETURNING waybill_no)
     UPDATE shipments SET loaded_at = now() WHERE waybill_no IN (SELECT waybill_no FROM i)`,
    [waybillNo, batchId, bench],
  );
  if (r.rowCount === 1) return null;
  const on = await q.query<{ handover_id: string }>(
    'SELECT handover_id FROM handover_items WHERE waybill_no = $1',
    [waybillNo],
  );
  return Number(on.rows[0]!.handover_id);
}

export async function closeBatch(q: Q, id: number, by: string | null): Promise<Date> {
  const r = await q.query<{ closed_at: Date }>(
    "UPDATE handovers SET status = 'closed', closed_by = $2, closed_at = now() WHERE id = $1 RETURNING closed_at",
    [id, by],
  );
  return r.rows[0]!.closed_at;
}

/** Boxes handed over per UTC day and carrier, every dock of the warehouse. */
export async function handedOverDaily(
  q: Q,
  from: string,
  to: string,
): Promise<{ day: string; carrier: string; boxes: number; orders: number; weightG: number }[]> {
  const r = await q.query<{ day: string; carrier: string; boxes: number; orders: number; weight_g: string }>(
    `SELECT to_char((h.closed_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, h.carrier,
            count(*)::int AS boxes, count(DISTINCT s.session_id)::int AS orders, coalesce(sum(s.weight_g), 0) AS weight_g
     FROM handovers h JOIN handover_items i ON i.handover_id = h.id JOIN shipments s ON s.waybill_no = i.waybill_no
     WHERE h.status = 'closed' AND h.closed_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'
       AND h.closed_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [from, to],
  );
  return r.rows.map((d) => ({
    day: d.day,
    carrier: d.carrier,
    boxes: d.boxes,
    orders: d.orders,
    weightG: Number(d.weight_g),
  }));
}

/** The shelf: closed boxes no batch has taken yet, per carrier and the bench that packed them. */
export async function shelf(
  q: Q,
): Promise<{ carrier: string; bench: string; boxes: number; oldest: string }[]> {
  const r = await q.query<{ carrier: string; bench_id: string; boxes: number; oldest: Date }>(
    `SELECT s.carrier, s.bench_id, count(*)::int AS boxes, min(s.closed_at) AS oldest
     FROM shipments s WHERE s.status = 'booked' AND s.closed_at IS NOT NULL AND s.loaded_at IS NULL
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return r.rows.map((s) => ({
    carrier: s.carrier,
    bench: s.bench_id,
    boxes: s.boxes,
    oldest: s.oldest.toISOString(),
  }));
}

/** Boxes each bench closed on a UTC day (the board's "today"). */
export async function boxesOn(q: Q, day: string): Promise<Map<string, number>> {
  const r = await q.query<{ bench_id: string; n: number }>(
    'SELECT bench_id, sum(boxes)::int AS n FROM daily_counts WHERE day = $1 GROUP BY bench_id',
    [day],
  );
  return new Map(r.rows.map((x) => [x.bench_id, x.n]));
}

/** The shared dock's statements on one pool, as the warehouse hands them out. */
export function dockOf(q: pg.Pool) {
  return {
    openAt: (bench: string) => openBatchAt(q, bench),
    open: (carrier: string, bench: string, by: string | null) => openBatch(q, carrier, bench, by),
    lines: (id: number) => batchLines(q, id),
    missing: (id: number) => missingCartons(q, id),
    find: (waybillNo: string) => dockShipment(q, waybillNo),
    load: (batchId: number, waybillNo: string, bench: string) => loadBox(q, batchId, waybillNo, bench),
    close: (id: number, by: string | null) => closeBatch(q, id, by),
    daily: (from: string, to: string) => handedOverDaily(q, from, to),
    shelf: () => shelf(q),
    boxesOn: (day: string) => boxesOn(q, day),
  };
}

export type WarehouseDock = ReturnType<typeof dockOf>;
