import Sqlite from 'better-sqlite3';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import {
  CorruptDatabaseError,
  FutureDatabaseError,
  lockDatabase,
  migrate,
  migrations,
  openStore,
} from './index';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('openStore', () => {
  it('creates a fresh file at the latest schema with the bench pragmas', () => {
    const store = openStore(join(dir, 'bench.db'));
    expect(store.schemaVersion).toBe(migrations.at(-1)!.version);
    expect(store.db.pragma('user_version', { simple: true })).toBe(150);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    for (const t of [
      'orders',
      'order_lines',
      'products',
      'barcodes',
      'packages',
      'events',
      'users',
      'settings',
    ]) {
      expect(tables).toContain(t);
    }
    // STRICT: a text where an integer belongs is refused, not silently stored.
    expect(() =>
      store.db.prepare("INSERT INTO packages (code, name, tare_g) VALUES ('B1', 'box', 'heavy')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    store.close();
  });

  it('keeps data across a restart and does not re-run migrations', () => {
    const file = join(dir, 'bench.db');
    const first = openStore(file);
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    first.close();
    const second = openStore(file);
    expect(second.db.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('1');
    expect(second.schemaVersion).toBe(150);
    second.close();
  });

  it('refuses a database from a newer Packbench and leaves it untouched', () => {
    const file = join(dir, 'future.db');
    const raw = new Sqlite(file);
    raw.pragma('user_version = 990');
    raw.close();
    const before = readFileSync(file);
    expect(() => openStore(file)).toThrow(FutureDatabaseError);
    expect(() => openStore(file)).toThrow(/schema version 990.*knows versions up to 150/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a corrupt file by name, pointing at the backup command, and never re-creates it', () => {
    const file = join(dir, 'corrupt.db');
    const junk = Buffer.from('this is not sqlite at all, it is a text file that someone renamed'.repeat(100));
    writeFileSync(file, junk);
    let error: unknown;
    try {
      openStore(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CorruptDatabaseError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('packbench db backup');
    expect(readFileSync(file).equals(junk)).toBe(true);
  });
});

describe('the check on open', () => {
  /** A database with rows, and a torn page in the middle of its data, as a crash or a bad disk leaves it. */
  function tornCopy(name: string, leaveWal: boolean): string {
    const file = join(dir, `${name}.db`);
    const store = openStore(file);
    for (let i = 0; i < 2000; i++)
      store.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
        .run(`k${i}`, JSON.stringify('x'.repeat(200)));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    if (leaveWal) store.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('after', '"crash"');
    // Copied while open: what a crash leaves on disk (with its write-ahead log when there was one).
    const copy = join(dir, `${name}-copy.db`);
    copyFileSync(file, copy);
    if (leaveWal) copyFileSync(`${file}-wal`, `${copy}-wal`);
    store.close();
    const bytes = readFileSync(copy);
    bytes.fill(0xa5, 20 * 4096, 21 * 4096);
    writeFileSync(copy, bytes);
    return copy;
  }

  it('after an unclean shutdown (a write-ahead log left behind) every page is read, and a torn one refused', () => {
    expect(() => openStore(tornCopy('crashed', true))).toThrow(CorruptDatabaseError);
  });

  it('after a clean close only the schema is read (a year of data does not slow the start); full on request', () => {
    const file = tornCopy('clean', false);
    const store = openStore(file);
    expect(store.integrity).toBe('header');
    store.close();
    expect(() => openStore(file, { integrity: 'full' })).toThrow(CorruptDatabaseError);
  });
});

describe('migrate', () => {
  it('applies all pending migrations in one transaction: a failing one leaves the version where it was', () => {
    const db = new Sqlite(join(dir, 'm.db'));
    const list = [
      { version: 10, name: 'a', sql: 'CREATE TABLE a (x INTEGER) STRICT;' },
      { version: 20, name: 'b', sql: 'CREATE TABLE b (x INTEGER) STRICT; THIS IS NOT SQL;' },
    ];
    expect(() => migrate(db, 'm.db', list)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'a'").pluck().get()).toBe(0);
    db.close();
  });

  it('moves an older database forward to the latest version', () => {
    const db = new Sqlite(join(dir, 'm.db'));
    const list = [
      { version: 10, name: 'a', sql: 'CREATE TABLE a (x INTEGER) STRICT;' },
      { version: 20, name: 'b', sql: 'CREATE TABLE b (x INTEGER) STRICT;' },
    ];
    expect(migrate(db, 'm.db', list.slice(0, 1))).toEqual({ from: 0, to: 10 });
    expect(migrate(db, 'm.db', list)).toEqual({ from: 10, to: 20 });
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    db.close();
  });
});

describe('query plans', () => {
  it('every lookup on the scan path uses an index, never a table scan', () => {
    const store = openStore(join(dir, 'plan.db'));
    const plan = (sql: string) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('SELECT * FROM orders WHERE order_no = ?')).toMatch(/USING INDEX sqlite_autoindex_orders/);
    expect(plan('SELECT * FROM orders WHERE waybill_no = ?')).toMatch(/USING INDEX orders_by_waybill/);
    expect(
      plan(
        "SELECT * FROM orders WHERE tote = ? AND status IN ('released', 'packing', 'held') ORDER BY id LIMIT 1",
      ),
    ).toMatch(/USING INDEX orders_by_tote/);
    expect(
      plan("SELECT * FROM orders WHERE pick_list = ? AND status IN ('released') ORDER BY id LIMIT 1"),
    ).toMatch(/USING INDEX orders_by_pick_list/);
    expect(
      plan('SELECT b.sku, b.qty, p.name FROM barcodes b JOIN products p ON p.sku = b.sku WHERE b.code = ?'),
    ).not.toMatch(/SCAN/);
    expect(
      plan('SELECT 1 FROM box_serials WHERE sku = ? AND serial = ?'.replace('serial = ?', "serial = 'y'")),
    ).toMatch(/PRIMARY KEY|autoindex/);
    // What a start reads (bookings to resolve, bookings set aside): a year of shipments is not read for them.
    const startPlan = (sql: string) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(
      startPlan("SELECT * FROM shipments WHERE status IN ('requesting', 'unknown') ORDER BY id"),
    ).toMatch(/USING INDEX shipments_to_resolve/);
    expect(startPlan("SELECT * FROM shipments WHERE status = 'needs-attention' ORDER BY id")).toMatch(
      /USING INDEX shipments_set_aside/,
    );
    store.close();
  });
});

/** A bench's file at the schema before migration `below`, with order A and its session S to hang rows on. */
function benchBefore(name: string, below: number) {
  const file = join(dir, name);
  const old = new Sqlite(file);
  migrate(
    old,
    file,
    migrations.filter((m) => m.version < below),
  );
  old.prepare("INSERT INTO orders (order_no, created_at, updated_at) VALUES ('A', 'x', 'x')").run();
  old
    .prepare(
      "INSERT INTO pack_sessions (id, order_id, station_id, status, opened_at) VALUES ('S', 1, 'B-1', 'open', 'x')",
    )
    .run();
  return { file, old };
}

describe('migration 90 (open mismatches counted per day)', () => {
  it('counts what a bench left open and resolved before it, and keeps the counts as leads resolve', () => {
    const { file, old } = benchBefore('v80.db', 90);
    const add = old.prepare(
      `INSERT INTO mismatches (session_id, seq, type, order_no, sku, packer, station_id, at, resolution)
       VALUES ('S', ?, 'wrong-item', 'A', 'TEA', '张伟', 'B-1', ?, ?)`,
    );
    add.run(1, '2026-11-29T01:00:00Z', null);
    add.run(2, '2026-11-29T02:00:00Z', 'ok');
    add.run(3, '2026-11-30T02:00:00Z', null);
    old.close();
    const store = openStore(file);
    const m = store.repos.mismatches;
    const totals = () => [false, true].map((resolved) => m.list({ limit: 1, resolved }).total);
    expect(totals()).toEqual([2, 1]);
    const open = m.list({ limit: 5, resolved: false }).rows;
    expect(m.resolve(open[0]!.id, '已处理', '李主管', '2026-11-30T03:00:00Z')).toBe(true);
    expect(totals()).toEqual([1, 2]);
    // Resolving again changes nothing; a new open one counts at once.
    expect(m.resolve(open[0]!.id, '再次', '李主管', '2026-11-30T04:00:00Z')).toBe(true);
    expect(totals()).toEqual([1, 2]);
    m.add({
      session_id: 'S',
      seq: 4,
      type: 'weight',
      order_no: 'A',
      sku: null,
      code: null,
      expected: null,
      actual: null,
      packer: null,
      station_id: 'B-1',
      at: '2026-11-30T05:00:00Z',
    });
    expect(totals()).toEqual([2, 2]);
    expect(m.list({ limit: 1, resolved: false, from: '2026-11-30', to: '2026-11-30' }).total).toBe(1);
    store.close();
  });
});

describe('migration 100 (item first)', () => {
  it('keeps every mismatch row, index and count, marks single-item orders, and takes a row without a box', () => {
    const { file, old } = benchBefore('v90.db', 100);
    old
      .prepare(
        "INSERT INTO orders (order_no, created_at, updated_at) VALUES ('B', 'x', 'x'), ('C', 'x', 'x')",
      )
      .run();
    old
      .prepare(
        "INSERT INTO order_lines (order_id, line_no, sku, qty) VALUES (1, 1, 'CAP', 1), (2, 1, 'CAP', 2), (3, 1, 'CAP', 1), (3, 2, 'MUG', 1)",
      )
      .run();
    old
      .prepare(
        `INSERT INTO mismatches (session_id, seq, type, order_no, sku, packer, station_id, at)
         VALUES ('S', 1, 'wrong-item', 'A', 'TEA', '张伟', 'B-1', '2026-11-29T01:00:00Z')`,
      )
      .run();
    old.close();
    const store = openStore(file);
    const m = store.repos.mismatches;
    expect(m.list({ limit: 5 }).rows).toMatchObject([{ seq: 1, order_no: 'A', sku: 'TEA' }]);
    expect(store.db.prepare('SELECT order_no, single_sku FROM orders ORDER BY id').all()).toEqual([
      { order_no: 'A', single_sku: 'CAP' },
      { order_no: 'B', single_sku: null },
      { order_no: 'C', single_sku: null },
    ]);
    const indexes = store.db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE tbl_name = 'mismatches' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name",
      )
      .pluck()
      .all();
    expect(indexes).toEqual([
      'mismatches_by_at',
      'mismatches_by_packer',
      'mismatches_by_sku',
      'mismatches_by_station',
      'mismatches_by_type',
      'mismatches_counted',
      'mismatches_resolved', // the index of resolved rows
      'mismatches_resolved', // and the trigger that keeps the open counts (same name, as migration 90 left them)
      'mismatches_unresolved',
    ]);
    // A scan that filled no order: no box, still in the log and its counts.
    m.add({
      session_id: 'no-order:1',
      seq: 1,
      type: 'no-order',
      order_no: '',
      sku: 'CAP',
      code: '690',
      expected: null,
      actual: null,
      packer: '张伟',
      station_id: 'B-1',
      at: '2026-11-29T02:00:00Z',
    });
    expect(m.list({ limit: 5, resolved: false }).total).toBe(2);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    store.close();
  });
});

describe('migration 20 (shipments set aside)', () => {
  it('rebuilds shipments keeping every row and the handover items that point at them', () => {
    const file = join(dir, 'v10.db');
    const old = new Sqlite(file);
    migrate(old, file, migrations.slice(0, 1));
    old.pragma('foreign_keys = ON');
    const at = '2026-11-29T00:00:00Z';
    old.prepare("INSERT INTO orders (order_no, created_at, updated_at) VALUES ('SO-1', ?, ?)").run(at, at);
    old
      .prepare(
        "INSERT INTO shipments (order_id, carrier, idempotency_key, status, waybill_no, request, created_at, updated_at) VALUES (1, 'pool', 'k-1', 'booked', 'W1', '{}', ?, ?)",
      )
      .run(at, at);
    old
      .prepare(
        "INSERT INTO handovers (carrier, status, station_id, opened_at) VALUES ('pool', 'open', 'B', ?)",
      )
      .run(at);
    old.prepare('INSERT INTO handover_items (handover_id, shipment_id, scanned_at) VALUES (1, 1, ?)').run(at);
    old.close();
    const store = openStore(file);
    expect(store.schemaVersion).toBe(150);
    expect(store.db.prepare('SELECT idempotency_key, waybill_no, attention FROM shipments').all()).toEqual([
      { idempotency_key: 'k-1', waybill_no: 'W1', attention: null },
    ]);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    // The new status is accepted; the waybill stays unique per carrier.
    store.db.prepare("UPDATE shipments SET status = 'needs-attention' WHERE id = 1").run();
    expect(() =>
      store.db
        .prepare(
          "INSERT INTO shipments (order_id, carrier, idempotency_key, status, waybill_no, request, created_at, updated_at) VALUES (1, 'pool', 'k-2', 'booked', 'W1', '{}', ?, ?)",
        )
        .run(at, at),
    ).toThrow(/UNIQUE/);
    store.close();
  });
});

describe('one station per database', () => {
  it('a second holder is refused with the first one named; a lock left by a dead process is taken over', async () => {
    const file = join(dir, 'bench.db');
    const first = lockDatabase(file, 'packbench serve');
    expect(() => lockDatabase(file, 'packbench carrier book')).toThrow(
      new RegExp(`in use by packbench serve \\(pid ${process.pid} on `),
    );
    first.release();
    lockDatabase(file, 'again').release();
    // A holder whose pid is gone (a SIGKILLed station): its lock is stale.
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
    const { hostname } = await import('node:os');
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: Number(dead), host: hostname(), startedAt: 'then', purpose: 'a dead station' }),
    );
    const taken = lockDatabase(file, 'the new station');
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).purpose).toBe('the new station');
    taken.release();
    // On another host the pid cannot be checked: refused, and named.
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: 1, host: 'bench-07', startedAt: 'then', purpose: 'packbench serve' }),
    );
    expect(() => lockDatabase(file, 'x')).toThrow(/pid 1 on bench-07/);
  });
});

describe('migration 50 (the charts from per-day counts)', () => {
  it('counts the rows a bench wrote before it: the charts read the same as from the rows', () => {
    const { file, old } = benchBefore('v40.db', 50);
    const add = old.prepare(
      `INSERT INTO mismatches (session_id, seq, type, order_no, sku, packer, station_id, at)
       VALUES ('S', ?, ?, 'A', ?, ?, 'B-1', ?)`,
    );
    add.run(1, 'wrong-item', 'TEA', '张伟', '2026-11-29T01:00:00Z');
    add.run(2, 'wrong-item', 'TEA', '张伟', '2026-11-29T02:00:00Z');
    add.run(3, 'weight', null, null, '2026-11-30T02:00:00Z');
    old
      .prepare(
        `INSERT INTO events (session_id, seq, type, payload, at, station_id)
         VALUES ('S', 9, 'box.weighed', '{"check":{"differenceG":41}}', '2026-11-30T02:00:00Z', 'B-1')`,
      )
      .run();
    old.close();
    const store = openStore(file);
    expect(store.repos.mismatches.stats()).toEqual({
      perPackerDay: [
        { day: '2026-11-29', packer: '张伟', count: 2 },
        { day: '2026-11-30', packer: '-', count: 1 },
      ],
      topSkus: [{ sku: 'TEA', count: 2 }],
      weightDeviation: [{ bucketG: 40, count: 1 }],
    });
    store.close();
  });
});
