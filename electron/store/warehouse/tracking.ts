import type pg from 'pg';
import type { FollowedParcel, ParcelBook, TrackingAttention, TrackingEvent } from '../repos';
import { addJobs } from './jobs';

const FOLLOWED = 'SELECT waybill_no AS "waybillNo", carrier, order_no AS "orderNo" FROM tracking';

/**
 * 跟踪 once per warehouse: every carton loaded at any dock is followed here, asked by one runner per round, its status
 * change a warehouse job (sent once, by any bench or the worker, as ship notices are).
 */
export function warehouseParcels(pool: pg.Pool): ParcelBook {
  return {
    async enrolHandedOver() {
      const r = await pool.query(
        `INSERT INTO tracking (waybill_no, carrier, order_no, handed_over_at)
         SELECT waybill_no, carrier, order_no, loaded_at FROM shipments
         WHERE loaded_at IS NOT NULL AND status = 'booked' AND carrier <> 'pool'
         ON CONFLICT (waybill_no) DO NOTHING`,
      );
      return r.rowCount ?? 0;
    },

    async open(limit) {
      const r = await pool.query<FollowedParcel>(
        `${FOLLOWED} WHERE NOT final ORDER BY checked_at NULLS FIRST LIMIT $1`,
        [limit],
      );
      return r.rows;
    },

    async byWaybill(waybillNo) {
      const r = await pool.query<FollowedParcel>(`${FOLLOWED} WHERE waybill_no = $1`, [waybillNo]);
      return r.rows[0] ?? null;
    },

    async record(waybillNo, events, status, at, notice) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        // The row first, locked: a push and a poll of one parcel at once agree on what changed.
        const was = await c.query<{ status: string | null; last_event_at: string | null }>(
          'SELECT status, last_event_at FROM tracking WHERE waybill_no = $1 FOR UPDATE',
          [waybillNo],
        );
        for (const e of events)
          await c.query(
            'INSERT INTO tracking_events (waybill_no, at, status, text) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
            [waybillNo, e.at, e.status, e.text],
          );
        const last =
          events
            .map((e) => e.at)
            .sort()
            .at(-1) ??
          was.rows[0]?.last_event_at ??
          null;
        const changed = status !== null && status !== was.rows[0]?.status;
        await c.query(
          `UPDATE tracking SET status = coalesce($2, status), last_event_at = $3, checked_at = $4,
             changed_at = CASE WHEN $5 THEN $4::timestamptz ELSE changed_at END, final = $6 WHERE waybill_no = $1`,
          [waybillNo, status, last, at, changed, status === 'signed' || status === 'returned'],
        );
        const n = changed ? notice(status) : null;
        if (n)
          await addJobs(c, [{ kind: n.kind, idempotency_key: n.key, payload: JSON.stringify(n.payload) }]);
        await c.query('COMMIT');
        return { changed };
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },

    async timeline(orderNo) {
      const r = await pool.query<{ waybillNo: string } & TrackingEvent>(
        `SELECT e.waybill_no AS "waybillNo", e.at, e.status, e.text FROM tracking_events e
         JOIN tracking t ON t.waybill_no = e.waybill_no WHERE t.order_no = $1 ORDER BY e.waybill_no, e.at`,
        [orderNo],
      );
      return r.rows;
    },

    async attention(now, pickupHours, stuckHours) {
      const before = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
      // last_event_at is the carrier's own text (wall time or ISO); compared as the bench's copy compares it.
      const r = await pool.query<TrackingAttention & { since: Date | string }>(
        `SELECT waybill_no AS "waybillNo", order_no AS "orderNo", carrier, status,
           CASE WHEN status = 'returned' THEN 'returned'
                WHEN status = 'exception' THEN 'exception'
                WHEN status IS NULL THEN 'not-picked-up'
                ELSE 'stuck' END AS problem,
           coalesce(last_event_at, to_char(handed_over_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS since
         FROM tracking
         WHERE status IN ('returned', 'exception')
            OR (status IS NULL AND handed_over_at < $1)
            OR (NOT final AND status IS NOT NULL
                AND coalesce(last_event_at, to_char(handed_over_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) < $2)
         ORDER BY since`,
        [before(pickupHours), before(stuckHours)],
      );
      return r.rows.map((x) => ({ ...x, since: String(x.since) }));
    },
  };
}
