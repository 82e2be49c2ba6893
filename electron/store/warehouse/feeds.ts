import type pg from 'pg';
import type { OrderImport } from '../repos';
import { upsertOrder } from './catalog';
import type { Intercept } from './listen';

/** A feed record as the warehouse writes it: the order as imported, and its stop (held/cancelled) where it has one. */
export interface FeedRecordUp extends OrderImport {
  stop: { status: 'held' | 'cancelled'; reason: string } | null;
}

export interface FeedWriteResult {
  written: number;
  unchanged: number;
  intercepts: Intercept[];
}

/**
 * Orders in once per warehouse (issue 16): a feed's page with the cursor it leads to in one transaction; the turns
 * that let one runner poll per interval however many tick; a platform's tokens, refreshed by one runner at a time.
 */
export interface WarehouseFeeds {
  cursor(feed: string): Promise<string | null>;
  /** Records (and the cursor they lead to, for a pulled page) in one transaction; a started order keeps its lines. */
  write(records: FeedRecordUp[], cursor?: { feed: string; next: string | null }): Promise<FeedWriteResult>;
  /** A platform's stop of one order (a cancellation push): an intercept if a bench started it, else the order stops. */
  stop(orderNo: string, status: 'held' | 'cancelled', reason: string): Promise<Intercept | null>;
  /** True for exactly one caller per `everyMs` (the others are told no): the poll is this runner's to do now. */
  takeTurn(name: string, everyMs: number, runner: string): Promise<boolean>;
  /** Stops of orders this bench has that it has not acted on yet (a NOTIFY it missed, say). */
  pendingIntercepts(bench: string): Promise<Intercept[]>;
  interceptHandled(orderNo: string, bench: string): Promise<void>;
  tokens<T>(platform: string): Promise<T | null>;
  setTokens(platform: string, tokens: object): Promise<void>;
  /**
   * Renews a platform's tokens under a row lock: the first runner refreshes, a runner that waited finds the fresh
   * pair (its `stale` check says no) and uses it: a refresh token is never spent twice.
   */
  renewTokens<T extends object>(
    platform: string,
    stale: (t: T | null) => boolean,
    refresh: (t: T | null) => Promise<T>,
  ): Promise<T>;
}

const STARTED = ['packing', 'packed', 'partial'];

async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/**
 * Whether a bench has the order: packing, packed, or claimed. The row is locked first, in its own statement, so a
 * claim that committed while this waited is seen by the next one (READ COMMITTED takes a fresh snapshot per statement).
 */
async function startedOrder(
  c: pg.PoolClient,
  orderNo: string,
): Promise<{ id: string; started: boolean; packed: boolean; bench: string | null } | null> {
  const o = await c.query<{ id: string; status: string; packed_bench: string | null }>(
    'SELECT id, status, packed_bench FROM orders WHERE order_no = $1 FOR UPDATE',
    [orderNo],
  );
  const row = o.rows[0];
  if (!row) return null;
  const packed = row.status === 'packed' || row.status === 'partial';
  const claim = await c.query<{ bench_id: string }>('SELECT bench_id FROM claims WHERE order_id = $1', [
    row.id,
  ]);
  const bench = packed ? row.packed_bench : (claim.rows[0]?.bench_id ?? null);
  return { id: row.id, started: STARTED.includes(row.status) || claim.rowCount === 1, packed, bench };
}

/**
 * The stop of an order a bench has. Not packed yet: the order takes the status (no other bench may claim it, and the
 * status trigger tells every bench). Packed: it stays packed (what was shipped), and the bench is told by a NOTIFY of
 * its own (sent on commit). Either way the bench's row in `intercepts` waits until it has acted.
 */
async function stopStarted(
  c: pg.PoolClient,
  had: { id: string; packed: boolean; bench: string | null },
  i: Intercept,
): Promise<void> {
  if (had.packed) await c.query("SELECT pg_notify('packbench_intercept', $1)", [JSON.stringify(i)]);
  else
    await c.query('UPDATE orders SET status = $2, hold_reason = $3, updated_at = now() WHERE id = $1', [
      had.id,
      i.status,
      i.reason,
    ]);
  if (had.bench)
    await c.query(
      `INSERT INTO intercepts (order_no, bench_id, status, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_no) DO UPDATE SET bench_id = EXCLUDED.bench_id, status = EXCLUDED.status,
         reason = EXCLUDED.reason, at = now(), handled_at = NULL
       WHERE intercepts.status IS DISTINCT FROM EXCLUDED.status OR intercepts.handled_at IS NULL`,
      [i.orderNo, had.bench, i.status, i.reason],
    );
}

export function feedsOf(pool: pg.Pool): WarehouseFeeds {
  return {
    async cursor(feed) {
      const r = await pool.query<{ cursor: string | null }>(
        'SELECT cursor FROM feed_cursors WHERE name = $1',
        [feed],
      );
      return r.rows[0]?.cursor ?? null;
    },

    write(records, cursor) {
      return inTransaction(pool, async (c) => {
        const out: FeedWriteResult = { written: 0, unchanged: 0, intercepts: [] };
        for (const r of records) {
          const had = await startedOrder(c, r.orderNo);
          if (had?.started) {
            // The box exists at a bench: its lines stay as packed; only a stop reaches it.
            if (r.stop) {
              const i = { orderNo: r.orderNo, ...r.stop };
              await stopStarted(c, had, i);
              out.intercepts.push(i);
            } else out.unchanged++;
            continue;
          }
          await upsertOrder(c, r);
          out.written++;
        }
        if (cursor)
          await c.query(
            `INSERT INTO feed_cursors (name, cursor, updated_at) VALUES ($1, $2, now())
             ON CONFLICT (name) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
            [cursor.feed, cursor.next],
          );
        return out;
      });
    },

    stop(orderNo, status, reason) {
      return inTransaction(pool, async (c) => {
        const had = await startedOrder(c, orderNo);
        if (!had) return null;
        const i = { orderNo, status, reason };
        await stopStarted(c, had, i);
        return had.started ? i : null;
      });
    },

    async pendingIntercepts(bench) {
      const r = await pool.query<Intercept>(
        `SELECT order_no AS "orderNo", status, reason FROM intercepts WHERE bench_id = $1 AND handled_at IS NULL
         ORDER BY at`,
        [bench],
      );
      return r.rows;
    },

    async interceptHandled(orderNo, bench) {
      await pool.query('UPDATE intercepts SET handled_at = now() WHERE order_no = $1 AND bench_id = $2', [
        orderNo,
        bench,
      ]);
    },

    async takeTurn(name, everyMs, runner) {
      await pool.query('INSERT INTO turns (name, next_at) VALUES ($1, now()) ON CONFLICT (name) DO NOTHING', [
        name,
      ]);
      const r = await pool.query(
        `UPDATE turns SET next_at = now() + ($2 || ' milliseconds')::interval, taken_by = $3, taken_at = now()
         WHERE name = $1 AND next_at <= now()`,
        [name, String(Math.max(1, Math.round(everyMs))), runner],
      );
      return r.rowCount === 1;
    },

    async tokens<T>(platform: string) {
      const r = await pool.query<{ tokens: T }>('SELECT tokens FROM platform_tokens WHERE platform = $1', [
        platform,
      ]);
      return r.rows[0]?.tokens ?? null;
    },

    async setTokens(platform, tokens) {
      await pool.query(
        `INSERT INTO platform_tokens (platform, tokens) VALUES ($1, $2)
         ON CONFLICT (platform) DO UPDATE SET tokens = EXCLUDED.tokens, updated_at = now()`,
        [platform, JSON.stringify(tokens)],
      );
    },

    renewTokens<T extends object>(
      platform: string,
      stale: (t: T | null) => boolean,
      refresh: (t: T | null) => Promise<T>,
    ) {
      return inTransaction(pool, async (c) => {
        await c.query(
          `INSERT INTO platform_tokens (platform, tokens) VALUES ($1, 'null'::jsonb) ON CONFLICT (platform) DO NOTHING`,
          [platform],
        );
        const r = await c.query<{ tokens: T | null }>(
          'SELECT tokens FROM platform_tokens WHERE platform = $1 FOR UPDATE',
          [platform],
        );
        const current = r.rows[0]?.tokens ?? null;
        if (!stale(current)) return current!;
        const fresh = await refresh(current);
        await c.query('UPDATE platform_tokens SET tokens = $2, updated_at = now() WHERE platform = $1', [
          platform,
          JSON.stringify(fresh),
        ]);
        return fresh;
      });
    },
  };
}
