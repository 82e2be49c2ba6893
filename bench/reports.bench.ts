import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { writeMismatchesCsv, writeMismatchesXlsx } from '../electron/reports';
import { openStore, type MismatchRow, type Store } from '../electron/store';
import { measure, printTable, summarize, type Figure } from './harness';

// The lead's export of a year: every mismatch row to a file. Before: pages of 1 000 with OFFSET and a count per page,
// the whole file built in memory. Now: one statement stepped through, rows written as they come.
const dir = mkdtempSync(join(tmpdir(), 'packbench-reports-'));
const figures: Figure[] = [];
afterAll(() => {
  printTable('Mismatch export (CSV/XLSX)', figures);
  rmSync(dir, { recursive: true, force: true });
});

function seeded(name: string, n: number): Store {
  const store = openStore(join(dir, `${name}.db`));
  const add = store.db.prepare(
    `INSERT INTO mismatches (session_id, seq, type, order_no, sku, code, expected, actual, packer, station_id, at)
     VALUES (?, ?, ?, ?, 'TEA-LJ-250', '6900012345004', 'CUP-CER-01', 'TEA-LJ-250', '张伟', 'B-01', ?)`,
  );
  store.db.pragma('foreign_keys = OFF');
  const start = Date.UTC(2025, 11, 1);
  store.db.transaction(() => {
    for (let i = 0; i < n; i++)
      add.run(
        `S-${i}`,
        1,
        i % 3 ? 'wrong-item' : 'weight',
        `SO${i}`,
        new Date(start + i * 30_000).toISOString(),
      );
  })();
  return store;
}

/** The export as it was: pages with OFFSET, a count each, everything in memory before the file. */
function pagedExport(store: Store): number {
  const rows = [];
  for (let offset = 0; ; offset += 1000) {
    // The old repository's two statements, kept here to measure against.
    store.db.prepare('SELECT count(*) FROM mismatches').pluck().get();
    const page = store.db
      .prepare('SELECT * FROM mismatches ORDER BY at DESC, id DESC LIMIT 1000 OFFSET ?')
      .all(offset) as MismatchRow[];
    rows.push(...page);
    if (page.length < 1000) break;
  }
  return writeMismatchesCsv(rows, join(dir, 'paged.csv'));
}

function timed<T>(name: string, fn: () => T): T {
  global.gc?.();
  const rss = process.memoryUsage().rss;
  const t = performance.now();
  const r = fn();
  figures.push(summarize(name, [performance.now() - t]));
  figures.push({
    ...summarize(`${name}: RSS growth (MiB)`, [(process.memoryUsage().rss - rss) / 2 ** 20]),
    unit: 'MiB',
  });
  return r;
}

it('200 k rows: the paged export against the streamed one', () => {
  const store = seeded('200k', 200_000);
  timed('200 k rows, paged (before)', () => pagedExport(store));
  timed('200 k rows, streamed CSV (now)', () =>
    writeMismatchesCsv(store.repos.mismatches.each({}), join(dir, 'a.csv')),
  );
  store.close();
}, 600_000);

it('1 M rows streamed, CSV and XLSX', async () => {
  const store = seeded('1m', 1_000_000);
  timed('1 M rows, streamed CSV', () =>
    writeMismatchesCsv(store.repos.mismatches.each({}), join(dir, 'b.csv')),
  );
  global.gc?.();
  const rss = process.memoryUsage().rss;
  const t = performance.now();
  await writeMismatchesXlsx(store.repos.mismatches.each({}), join(dir, 'b.xlsx'));
  figures.push(summarize('1 M rows, streamed XLSX', [performance.now() - t]));
  figures.push({
    ...summarize('1 M rows, streamed XLSX: RSS growth (MiB)', [(process.memoryUsage().rss - rss) / 2 ** 20]),
    unit: 'MiB',
  });
  console.log(
    `files: CSV ${(statSync(join(dir, 'b.csv')).size / 2 ** 20).toFixed(0)} MiB, XLSX ${(statSync(join(dir, 'b.xlsx')).size / 2 ** 20).toFixed(0)} MiB`,
  );
  store.close();
}, 900_000);

it('the charts at 1 M mismatches and 1 M weighed boxes: from the rows (before) against the per-day counts', async () => {
  const store = seeded('charts', 1_000_000);
  const ev = store.db.prepare(
    "INSERT INTO events (session_id, seq, type, payload, at, packer, station_id) VALUES (?, 1, 'box.weighed', ?, ?, '张伟', 'B-01')",
  );
  const start = Date.UTC(2025, 11, 1);
  store.db.transaction(() => {
    for (let i = 0; i < 1_000_000; i++) {
      const at = new Date(start + i * 30_000).toISOString();
      const d = ((i * 37) % 200) - 100;
      ev.run(`W-${i}`, JSON.stringify({ check: { verdict: 'ok', differenceG: d } }), at);
      store.repos.mismatches.countWeight(at, d);
    }
  })();
  let [lo, hi] = ['2026-03-01', '2026-03-07~'];
  const before = () => {
    store.db
      .prepare(
        "SELECT substr(at, 1, 10) AS day, coalesce(packer, '-') AS packer, count(*) FROM mismatches WHERE at >= ? AND at <= ? GROUP BY day, packer",
      )
      .all(lo, hi);
    store.db
      .prepare(
        'SELECT sku, count(*) AS c FROM mismatches WHERE sku IS NOT NULL AND at >= ? AND at <= ? GROUP BY sku ORDER BY c DESC LIMIT 10',
      )
      .all(lo, hi);
    store.db
      .prepare(
        "SELECT CAST(round(json_extract(payload, '$.check.differenceG') / 20.0) * 20 AS INTEGER) AS b, count(*) FROM events WHERE type = 'box.weighed' AND at >= ? AND at <= ? GROUP BY b",
      )
      .all(lo, hi);
  };
  figures.push(await measure('charts for a week of 1 M rows: from the rows (before)', 5, before, 1));
  figures.push(
    await measure(
      'charts for a week of 1 M rows: per-day counts (now)',
      50,
      () => store.repos.mismatches.stats('2026-03-01', '2026-03-07'),
      3,
    ),
  );
  [lo, hi] = ['0000', '9999'];
  figures.push(await measure('charts for the whole year: from the rows (before)', 3, before, 1));
  figures.push(
    await measure(
      'charts for the whole year: per-day counts (now)',
      50,
      () => store.repos.mismatches.stats(),
      3,
    ),
  );
  store.close();
}, 900_000);

it("the lead's page at 1 M rows, by each filter (goal ≤ 50 ms)", async () => {
  const store = seeded('page', 1_000_000);
  const m = store.repos.mismatches;
  m.resolve(5, 'ok', 'lead', '2026-01-01T00:00:00Z');
  const page = { limit: 25 };
  for (const [name, f] of [
    ['newest', {}],
    ['a week', { from: '2026-03-01', to: '2026-03-07' }],
    ['by type', { type: 'weight' }],
    ['unresolved', { resolved: false }],
    ['SKU + packer', { sku: 'TEA-LJ-250', packer: '张伟' }],
    ['one bench', { station: 'B-01' }],
  ] as const)
    figures.push(await measure(`page of 1 M rows: ${name}`, 20, () => m.list({ ...f, ...page }), 2));
  // Deep in the log: page 2 000 (50 000 rows in) by its cursor, against the OFFSET the page used before.
  const deep = store.db
    .prepare('SELECT at, id FROM mismatches ORDER BY at DESC, id DESC LIMIT 1 OFFSET 49999')
    .get() as { at: string; id: number };
  figures.push(
    await measure('page 2 001 (after 50 000 rows): OFFSET 50 000 + a count (before)', 20, () => {
      store.db.prepare('SELECT count(*) FROM mismatches').pluck().get();
      return store.db
        .prepare('SELECT * FROM mismatches ORDER BY at DESC, id DESC LIMIT 25 OFFSET 50000')
        .all();
    }),
  );
  figures.push(
    await measure('page 2 001 (after 50 000 rows): keyset cursor, no recount', 20, () =>
      m.list({ limit: 25, after: deep, count: false }),
    ),
  );
  store.close();
}, 900_000);

it('the page, the charts and the export as the log grows: 10 k, 100 k, 1 M rows', async () => {
  for (const n of [10_000, 100_000, 1_000_000]) {
    const store = seeded(`grow-${n}`, n);
    const m = store.repos.mismatches;
    const size = n.toLocaleString('en');
    figures.push(await measure(`${size} rows: page, newest`, 20, () => m.list({ limit: 25 }), 2));
    figures.push(
      await measure(`${size} rows: page, unresolved`, 20, () => m.list({ limit: 25, resolved: false }), 2),
    );
    figures.push(await measure(`${size} rows: charts, the whole year`, 20, () => m.stats(), 2));
    figures.push(
      await measure(
        `${size} rows: CSV export, streamed`,
        1,
        () => writeMismatchesCsv(m.each({}), join(dir, 'g.csv')),
        0,
      ),
    );
    store.close();
  }
}, 900_000);
