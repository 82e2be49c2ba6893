import { afterAll, it } from 'vitest';
import { mismatchesCsv, mismatchesXlsx } from '../electron/reports';
import { Station } from '../electron/station';
import { localReview } from '../electron/station/review';
import { openReader } from '../electron/store';
import { tempDir } from '../electron/testing';
import { printTable, summarize, type Figure } from './harness';
import { benchStation } from './rig';

// A packer scans every 20 ms while the lead exports the whole mismatch log from the same bench. Each scan's latency is
// counted from when it was due (a scan that waits behind the report waits in the event loop, so it shows here).
const ROWS = Number(process.env.PACKBENCH_REPORT_ROWS ?? 300_000);
const figures: Figure[] = [];
const { dir, cleanup } = tempDir('packbench-bench-scan-reports-');
afterAll(() => {
  printTable(`Scans while the lead exports ${ROWS.toLocaleString('en')} mismatch rows (one bench)`, figures);
  cleanup();
});

/** Scans every 20 ms until `done` settles; returns each scan's delay from its due time to its answer. */
async function scanning(station: Station, done: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let finished = false;
  void done.finally(() => (finished = true));
  let due = performance.now();
  while (!finished) {
    due += 20;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    station.scan('6900012345004');
    latencies.push(Math.max(0, performance.now() - due)); // a timer may fire a fraction of a ms early
  }
  return latencies;
}

it(`scan latency while ${ROWS} rows are exported`, async () => {
  const station = benchStation(dir, 'REPORT-01');
  const db = station.store.db;
  db.pragma('foreign_keys = OFF');
  const add = db.prepare(
    `INSERT INTO mismatches (session_id, seq, type, order_no, sku, code, expected, actual, packer, station_id, at)
     VALUES (?, 1, 'wrong-item', ?, 'TEA-LJ-250', '6900012345004', 'CUP-CER-01', 'TEA-LJ-250', '张伟', 'B-01', ?)`,
  );
  const start = Date.UTC(2025, 11, 1);
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) add.run(`S-${i}`, `SO${i}`, new Date(start + i * 30_000).toISOString());
  })();
  db.pragma('foreign_keys = ON');
  const big = db
    .prepare("INSERT INTO orders (order_no, created_at, updated_at) VALUES ('BIG', 'x', 'x')")
    .run();
  db.prepare("INSERT INTO order_lines (order_id, line_no, sku, qty) VALUES (?, 1, 'TEA-LJ-250', 100000)").run(
    big.lastInsertRowid,
  );
  station.scan('U1001');
  station.scan('BIG');

  await new Promise((r) => setTimeout(r, 1000)); // the station's own start-up work (warming, first polls) done
  const idle = await scanning(station, new Promise((r) => setTimeout(r, 2000)));
  figures.push(summarize('scan, nothing else running', idle));

  // Before: the export read every row on the station's connection in one go, then built the file.
  const before = await scanning(
    station,
    new Promise((r) => setTimeout(r, 100)).then(() => mismatchesCsv([...station.repos.mismatches.each({})])),
  );
  figures.push(
    summarize('scan during the export, read in one go on the station connection (before)', before),
  );

  // Last stop's way: by pages on a read-only connection, but the file built on the station's thread.
  const reader = openReader(station.store.file);
  const here = localReview(station.repos, { reader: () => reader }, station.store.archives);
  const exportTimes: Record<string, number> = {};
  const timed = (name: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    return new Promise((r) => setTimeout(r, 100))
      .then(run)
      .then((r) => ((exportTimes[name] = performance.now() - t - 100), r));
  };
  for (const format of ['csv', 'xlsx'] as const) {
    const build = format === 'csv' ? mismatchesCsv : mismatchesXlsx;
    const paged = await scanning(
      station,
      timed(`${format} here`, () => build(here.rows({}))),
    );
    figures.push(
      summarize(`scan during the ${format} export, pages read and file built on the station thread`, paged),
    );
    const threaded = await scanning(
      station,
      timed(`${format} thread`, () => station.call('mismatch.export', { format })),
    );
    figures.push(summarize(`scan during the ${format} export in the report thread (now)`, threaded));
    figures.push(
      summarize(`  the ${format} export itself: station thread`, [exportTimes[`${format} here`]!]),
    );
    figures.push(
      summarize(`  the ${format} export itself: report thread (now)`, [exportTimes[`${format} thread`]!]),
    );
  }
  reader.close();
  await station.close();
}, 600_000);
