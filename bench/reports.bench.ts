import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { mismatchesCsv, writeMismatchesCsv, writeMismatchesXlsx } from '../electron/reports';
import { openStore, type Store } from '../electron/store';
import { printTable, summarize, type Figure } from './harness';

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
function pagedExport(store: Store): Buffer {
  const rows = [];
  for (let offset = 0; ; offset += 1000) {
    const page = store.repos.mismatches.list({ limit: 1000, offset });
    rows.push(...page.rows);
    if (page.rows.length < 1000) break;
  }
  return mismatchesCsv(rows);
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
