import pg from 'pg';
import type {
  EventUp,
  MismatchUp,
  OrderCustoms,
  OrderImport,
  ParcelBook,
  ProductCustoms,
  ProductImport,
  Wave,
} from '../repos';
import { orderData, orderNoOf, takenSerials, writeOrders, writeProducts } from './catalog';
import { claimSingle, waveHasSingles } from './singles';
import { warehouseMigrations, type WarehouseMigration } from './migrations';
import { dockOf, type WarehouseDock } from './dock';
import { feedsOf, type WarehouseFeeds } from './feeds';
import { writeCustoms } from './customs';
import { warehouseParcels } from './tracking';
import { finishJob, takeJob } from './jobs';
import { listenForIntercepts, type Intercept } from './listen';
import { freeNumbers, giveBack, importPool, lease } from './pool';
import { pushBatch } from './replication';
import { mismatchRows, mismatchStats, resolveMismatch, sessionEvents } from './review';
import type { RuleKey } from '../../config';
import { rules, rulesAudit, setRule } from './rules';

export class FutureWarehouseError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `the warehouse database has schema version ${found}, but this Packbench knows versions up to ${known}: ` +
        `update this bench to the warehouse's Packbench version`,
    );
    this.name = 'FutureWarehouseError';
  }
}

export interface WarehouseConnection {
  url: string;
  tls?: 'disable' | 'require' | 'verify-full';
  /** PEM text of the CA that signed the server's certificate (verify-full). */
  ca?: string;
  /** Overrides a password in the URL (from PGPASSWORD or a file). */
  password?: string;
  /** Shown in pg_stat_activity: which bench this connection is. */
  applicationName?: string;
  max?: number;
}

export type ClaimResult =
  | { result: 'claimed'; orderNo: string }
  | { result: 'elsewhere'; orderNo: string; bench: string; packer: string | null; since: string }
  | { result: 'packed'; orderNo: string; bench: string | null; by: string | null; at: string | null }
  | { result: 'held'; orderNo: string; reason: string }
  | { result: 'unknown'; code: string };

/** One device of a bench, as its heartbeat reports it. */
export interface BenchDevice {
  kind: 'scale' | 'scanner' | 'printer';
  name: string;
  state: string;
}

export interface BenchSeen {
  id: string;
  lastSeen: string;
  lagEvents: number;
  openClaims: number;
  packer: string | null;
  orderNo: string | null;
  phase: string | null;
  devices: BenchDevice[];
}

// One number for the migration lock, so two benches migrating at once take turns.
const MIGRATION_LOCK = 0x7061636b; // "pack"

/**
 * The warehouse's PostgreSQL: what benches share. Every statement lives here (the store is the only door to SQL);
 * the rest of the code sees these methods.
 */
export class Warehouse {
  readonly pool: pg.Pool;
  /** 交接 at a shared dock: every bench's closed boxes, onto one batch each (see dock.ts). */
  readonly dock: WarehouseDock;
  /** Order feeds and platform tokens, once per warehouse (see feeds.ts). */
  readonly feeds: WarehouseFeeds;
  /** 跟踪 of every bench's parcels, once per warehouse (see tracking.ts). */
  readonly parcels: ParcelBook;
  private readonly clientConfig: pg.ClientConfig;

  constructor(c: WarehouseConnection) {
    const ssl =
      c.tls === 'require'
        ? { rejectUnauthorized: false }
        : c.tls === 'verify-full'
          ? { rejectUnauthorized: true, ...(c.ca ? { ca: c.ca } : {}) }
          : undefined;
    this.clientConfig = {
      connectionString: c.url,
      ...(c.password !== undefined ? { password: c.password } : {}),
      ...(ssl ? { ssl } : {}),
      application_name: c.applicationName ?? 'packbench',
      connectionTimeoutMillis: 5000,
    };
    this.pool = new pg.Pool({ ...this.clientConfig, max: c.max ?? 4 });
    this.dock = dockOf(this.pool);
    this.feeds = feedsOf(this.pool);
    this.parcels = warehouseParcels(this.pool);
    // A dropped idle connection must not take the bench down: the next query opens a new one.
    this.pool.on('error', () => undefined);
  }

  /** An order's status and hold reason, as the warehouse has it now. */
  async orderStatus(orderNo: string): Promise<{ status: string; reason: string | null } | null> {
    const r = await this.pool.query<{ status: string; hold_reason: string | null }>(
      'SELECT status, hold_reason FROM orders WHERE order_no = $1',
      [orderNo],
    );
    const o = r.rows[0];
    return o ? { status: o.status, reason: o.hold_reason } : null;
  }

  /** Intercepts (an order held or cancelled anywhere) as they happen; returns the stopper. */
  listen(
    onIntercept: (i: Intercept) => void,
    onProblem: (message: string) => void,
    onMaster?: (table: string) => void,
  ): () => Promise<void> {
    return listenForIntercepts(this.clientConfig, onIntercept, onProblem, onMaster);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  async schemaVersion(q: pg.Pool | pg.PoolClient = this.pool): Promise<number> {
    const r = await q.query<{ v: number | null }>(
      "SELECT (SELECT max(version) FROM schema_migrations) AS v WHERE to_regclass('schema_migrations') IS NOT NULL",
    );
    return r.rows[0]?.v ?? 0;
  }

  /** Refuses a schema newer than this Packbench knows. */
  async assertKnownVersion(
    list: readonly WarehouseMigration[] = warehouseMigrations,
    q: pg.Pool | pg.PoolClient = this.pool,
  ): Promise<number> {
    const found = await this.schemaVersion(q);
    const known = list.at(-1)?.version ?? 0;
    if (found > known) throw new FutureWarehouseError(found, known);
    return found;
  }

  /** Applies the pending migrations, each in its own transaction, under an advisory lock; a second run changes nothing. */
  async migrate(
    list: readonly WarehouseMigration[] = warehouseMigrations,
  ): Promise<{ from: number; to: number }> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      // Everything on this one connection: it holds the lock, and a pool of one has no second connection to give.
      const from = await this.assertKnownVersion(list, client);
      for (const m of list.filter((x) => x.version > from)) {
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            m.version,
            m.name,
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`warehouse migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, {
            cause: err,
          });
        }
      }
      return { from, to: Math.max(from, list.at(-1)?.version ?? 0) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  /**
   * Claims an order for a bench: one INSERT that exactly one bench wins (a bench that already holds it keeps it).
   * The loser is told who holds it and since when.
   */
  async claim(orderNo: string, bench: string, packer: string | null): Promise<ClaimResult> {
    const won = await this.pool.query<{ bench_id: string }>(
      `INSERT INTO claims (order_id, bench_id, packer)
       SELECT id, $2, $3 FROM orders WHERE order_no = $1 AND status IN ('released', 'packing')
       ON CONFLICT (order_id) DO UPDATE SET packer = EXCLUDED.packer WHERE claims.bench_id = EXCLUDED.bench_id
       RETURNING bench_id`,
      [orderNo, bench, packer],
    );
    if (won.rowCount === 1) return { result: 'claimed', orderNo };
    const r = await this.pool.query<{
      status: string;
      hold_reason: string | null;
      packed_bench: string | null;
      packed_by: string | null;
      packed_at: Date | null;
      bench_id: string | null;
      packer: string | null;
      claimed_at: Date | null;
    }>(
      `SELECT o.status, o.hold_reason, o.packed_bench, o.packed_by, o.packed_at, c.bench_id, c.packer, c.claimed_at
       FROM orders o LEFT JOIN claims c ON c.order_id = o.id WHERE o.order_no = $1`,
      [orderNo],
    );
    const o = r.rows[0];
    if (!o) return { result: 'unknown', code: orderNo };
    if (o.status === 'packed' || o.status === 'partial')
      return {
        result: 'packed',
        orderNo,
        bench: o.packed_bench,
        by: o.packed_by,
        at: o.packed_at?.toISOString() ?? null,
      };
    if (o.status === 'held' || o.status === 'cancelled')
      return { result: 'held', orderNo, reason: o.hold_reason ?? o.status };
    return {
      result: 'elsewhere',
      orderNo,
      bench: o.bench_id ?? '?',
      packer: o.packer,
      since: o.claimed_at?.toISOString() ?? '',
    };
  }

  /** A lead releases a claim (a bench died with the order open); true when there was one. */
  async release(orderNo: string): Promise<boolean> {
    const r = await this.pool.query(
      'DELETE FROM claims WHERE order_id = (SELECT id FROM orders WHERE order_no = $1)',
      [orderNo],
    );
    return r.rowCount === 1;
  }

  /** A bench says it is alive, and what it is doing. */
  async heartbeat(
    bench: string,
    facts: {
      packer?: string | null;
      orderNo?: string | null;
      phase?: string | null;
      lagEvents?: number;
      devices?: BenchDevice[];
    } = {},
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO benches (id, last_seen, packer, order_no, phase, lag_events, devices)
       VALUES ($1, now(), $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET last_seen = now(), packer = EXCLUDED.packer, order_no = EXCLUDED.order_no,
         phase = EXCLUDED.phase, lag_events = EXCLUDED.lag_events, devices = EXCLUDED.devices`,
      [
        bench,
        facts.packer ?? null,
        facts.orderNo ?? null,
        facts.phase ?? null,
        facts.lagEvents ?? 0,
        JSON.stringify(facts.devices ?? []),
      ],
    );
  }

  /** Boxes closed per bench in the last hour. */
  async boxesLastHour(): Promise<Map<string, number>> {
    const r = await this.pool.query<{ bench_id: string; n: number }>(
      "SELECT bench_id, count(*)::int AS n FROM events WHERE type = 'box.closed' AND at > now() - interval '1 hour' GROUP BY bench_id",
    );
    return new Map(r.rows.map((x) => [x.bench_id, x.n]));
  }

  /** Frees every claim a bench holds; the number freed. */
  async releaseBench(bench: string): Promise<number> {
    const r = await this.pool.query('DELETE FROM claims WHERE bench_id = $1', [bench]);
    return r.rowCount ?? 0;
  }

  async benches(): Promise<BenchSeen[]> {
    const r = await this.pool.query<{
      id: string;
      last_seen: Date;
      lag_events: number;
      open_claims: string;
      packer: string | null;
      order_no: string | null;
      phase: string | null;
      devices: BenchDevice[];
    }>(
      `SELECT b.id, b.last_seen, b.lag_events, b.packer, b.order_no, b.phase, b.devices,
         (SELECT count(*) FROM claims c WHERE c.bench_id = b.id) AS open_claims
       FROM benches b ORDER BY b.id`,
    );
    return r.rows.map((b) => ({
      id: b.id,
      lastSeen: b.last_seen.toISOString(),
      lagEvents: b.lag_events,
      openClaims: Number(b.open_claims),
      packer: b.packer,
      orderNo: b.order_no,
      phase: b.phase,
      devices: b.devices,
    }));
  }

  /** Runs `fn` on one connection of the pool (a transaction's statements must share one). */
  private async onOne<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  writeOrders(orders: OrderImport[]) {
    return this.onOne((c) => writeOrders(c, orders));
  }

  /** A lead's fix of an order's declaration at a bench, for every bench (false: no such order here). */
  writeCustoms(orderNo: string, order: OrderCustoms, products: Map<string, ProductCustoms>) {
    return this.onOne((c) => writeCustoms(c, orderNo, order, products));
  }

  writeProducts(products: ProductImport[]) {
    return this.onOne((c) => writeProducts(c, products));
  }

  /** Item-first: claims the earliest single-item order the scanned item fills (see singles.ts). */
  claimSingle(codes: string[], bench: string, packer: string | null, wave: Wave, now: string) {
    return claimSingle(this.pool, codes, bench, packer, wave, now);
  }

  waveHasSingles(code: string) {
    return waveHasSingles(this.pool, code);
  }

  orderNoOf(code: string) {
    return orderNoOf(this.pool, code);
  }

  takenSerials(skus: string[]) {
    return takenSerials(this.pool, skus);
  }

  orderData(orderNo: string) {
    return orderData(this.pool, orderNo);
  }

  /** Adds a user for every bench (PIN hashed by the caller), or brings one up to date by name. */
  async upsertUser(u: {
    name: string;
    role: string;
    badge: string | null;
    pinHash: string | null;
  }): Promise<void> {
    await this.pool.query(
      `INSERT INTO users (name, role, badge, pin_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, badge = EXCLUDED.badge, pin_hash = EXCLUDED.pin_hash,
         active = true`,
      [u.name, u.role, u.badge, u.pinHash],
    );
  }

  async users(): Promise<
    {
      name: string;
      role: 'packer' | 'lead' | 'admin';
      badge: string | null;
      pin_hash: string | null;
      active: boolean;
    }[]
  > {
    const r = await this.pool.query('SELECT name, role, badge, pin_hash, active FROM users ORDER BY name');
    return r.rows;
  }

  importPool(carrier: string, numbers: string[]) {
    return importPool(this.pool, carrier, numbers);
  }

  lease(bench: string, carrier: string, n: number) {
    return lease(this.pool, bench, carrier, n);
  }

  giveBack(bench: string, carrier: string, numbers: string[]) {
    return giveBack(this.pool, bench, carrier, numbers);
  }

  freeNumbers(carrier: string) {
    return freeNumbers(this.pool, carrier);
  }

  /** A bench's next batch of events, mismatches and outgoing messages, with their projections, in one transaction. */
  push(
    bench: string,
    events: EventUp[],
    mismatches: MismatchUp[],
    messages: { kind: string; idempotency_key: string; payload: string }[] = [],
  ) {
    return this.onOne((c) => pushBatch(c, bench, events, mismatches, messages));
  }

  rules() {
    return rules(this.pool);
  }

  setRule(key: RuleKey, value: unknown, by: string) {
    return this.onOne((c) => setRule(c, key, value, by));
  }

  rulesAudit(limit?: number) {
    return rulesAudit(this.pool, limit);
  }

  takeJob(runner: string) {
    return takeJob(this.pool, runner);
  }

  finishJob(id: number, error: string | null, retryMs: number) {
    return finishJob(this.pool, id, error, retryMs);
  }

  /** The lead's review over every bench (see review.ts). */
  mismatches(f: Parameters<typeof mismatchRows>[1]) {
    return mismatchRows(this.pool, f);
  }

  resolveMismatch(id: number, resolution: string, by: string) {
    return resolveMismatch(this.pool, id, resolution, by);
  }

  mismatchStats(from?: string, to?: string) {
    return mismatchStats(this.pool, from, to);
  }

  sessionEvents(sessionId: string) {
    return sessionEvents(this.pool, sessionId);
  }
}
