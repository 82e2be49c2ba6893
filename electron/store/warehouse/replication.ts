import type pg from 'pg';
import type { EventUp, MismatchUp } from '../repos';
import { projectShipment } from './dock';
import { addJobs } from './jobs';

/**
 * One batch from a bench, in one transaction: the events and mismatches (a batch sent again after a crash changes
 * nothing: unique bench, session, seq) and the shared projections they make (an order packed, its claim let go).
 */
export async function pushBatch(
  client: pg.PoolClient,
  bench: string,
  events: EventUp[],
  mismatches: MismatchUp[],
  messages: { kind: string; idempotency_key: string; payload: string }[] = [],
): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const e of events) {
      const r = await client.query(
        `INSERT INTO events (bench_id, session_id, seq, type, payload, at, packer) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING`,
        [bench, e.sessionId, e.seq, e.type, e.payload, e.at, e.packer],
      );
      if (r.rowCount === 1) await project(client, bench, e);
    }
    for (const m of mismatches)
      await client.query(
        `INSERT INTO mismatches (bench_id, session_id, seq, type, order_no, sku, code, expected, actual, packer, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
        [bench, m.sessionId, m.seq, m.type, m.orderNo, m.sku, m.code, m.expected, m.actual, m.packer, m.at],
      );
    await addJobs(client, messages);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/** The shared projections of one event that was new here. */
async function project(client: pg.PoolClient, bench: string, e: EventUp): Promise<void> {
  await projectShipment(client, bench, e);
  const p = JSON.parse(e.payload) as { order?: { orderNo?: string }; partial?: boolean; serial?: string };
  if (e.type === 'box.opened' && p.order?.orderNo) {
    await client.query(
      `INSERT INTO bench_sessions (session_id, bench_id, order_no) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [e.sessionId, bench, p.order.orderNo],
    );
    return;
  }
  if (e.type === 'scan.checked') {
    const c = (p as { check?: { result?: string; sku?: string; serial?: string | null } }).check;
    if (c?.result !== 'ok' || !c.serial || !c.sku) return;
    const r = await client.query(
      `INSERT INTO serials (sku, serial, bench_id, session_id, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [c.sku, c.serial, bench, e.sessionId, e.at],
    );
    if (r.rowCount === 1) return;
    // Two benches boxed one serial at the same time (each before it heard of the other's): the lead must see it.
    await client.query(
      `INSERT INTO mismatches (bench_id, session_id, seq, type, order_no, sku, code, expected, actual, packer, at)
       SELECT $1, $2, $3, 'serial-duplicate', coalesce((SELECT order_no FROM bench_sessions WHERE session_id = $2), '?'),
              $4, $5, s.bench_id, $1, $6, $7
       FROM serials s WHERE s.sku = $4 AND s.serial = $5 AND (s.bench_id, s.session_id) <> ($1, $2)
       ON CONFLICT DO NOTHING`,
      [bench, e.sessionId, e.seq, c.sku, c.serial, e.packer, e.at],
    );
    return;
  }
  if (e.type === 'scan.undone') {
    const u = p as { sku?: string; serial?: string | null };
    if (u.serial)
      await client.query(
        'DELETE FROM serials WHERE sku = $1 AND serial = $2 AND bench_id = $3 AND session_id = $4',
        [u.sku, u.serial, bench, e.sessionId],
      );
    return;
  }
  if (e.type === 'box.booked') {
    const b = p as { waybillNo?: string; parcels?: { waybillNo: string }[] };
    // A leased pool number on a box is used: never free again, even after a cancel (every carton's own number too).
    // Each number is used under its own key (a key holds one number): the carton's number after the first gets /n.
    const numbers = [...new Set([b.waybillNo, ...(b.parcels ?? []).map((c) => c.waybillNo)].filter(Boolean))];
    for (const [i, n] of numbers.entries())
      await client.query(
        `UPDATE waybill_pool SET status = 'used', used_by = $2, used_at = $3 WHERE waybill_no = $1 AND leased_to = $4`,
        [n, `${e.sessionId}#${e.seq}${i === 0 ? '' : `/${i + 1}`}`, e.at, bench],
      );
    return;
  }
  if (e.type === 'box.closed') {
    // An order already packed by another bench (packed offline with `allow-new` at both): the lead must see it.
    await client.query(
      `INSERT INTO mismatches (bench_id, session_id, seq, type, order_no, expected, actual, packer, at)
       SELECT $1, $2, $3, 'packed-twice', o.order_no, o.packed_bench, $1, $4, $5
       FROM orders o JOIN bench_sessions s ON s.order_no = o.order_no
       WHERE s.session_id = $2 AND o.status IN ('packed', 'partial') AND o.packed_bench IS DISTINCT FROM $1
       ON CONFLICT DO NOTHING`,
      [bench, e.sessionId, e.seq, e.packer, e.at],
    );
    // Held or cancelled while this bench packed it offline (the NOTIFY went unheard): the stop waits for the bench in
    // `intercepts`, so it voids the waybill or tells the lead once it is back.
    await client.query(
      `INSERT INTO intercepts (order_no, bench_id, status, reason)
       SELECT o.order_no, $1, o.status, coalesce(o.hold_reason, o.status)
       FROM orders o JOIN bench_sessions s ON s.order_no = o.order_no
       WHERE s.session_id = $2 AND o.status IN ('held', 'cancelled')
       ON CONFLICT (order_no) DO UPDATE SET bench_id = EXCLUDED.bench_id, status = EXCLUDED.status,
         reason = EXCLUDED.reason, at = now(), handled_at = NULL`,
      [bench, e.sessionId],
    );
    await client.query(
      `WITH s AS (SELECT order_no FROM bench_sessions WHERE session_id = $1),
            o AS (UPDATE orders SET status = $2, packed_at = $3, packed_by = $4, packed_bench = $5, updated_at = now()
                  WHERE order_no = (SELECT order_no FROM s) AND status NOT IN ('packed', 'partial') RETURNING id)
       DELETE FROM claims WHERE order_id IN (SELECT id FROM o) OR order_id IN (
         SELECT id FROM orders WHERE order_no = (SELECT order_no FROM s)) AND bench_id = $5`,
      [e.sessionId, p.partial ? 'partial' : 'packed', e.at, e.packer, bench],
    );
  }
}
