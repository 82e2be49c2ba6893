import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { tempDir } from '../testing';
import { writeMismatchesCsv, writeMismatchesXlsx } from '.';

// The export streamed as the rows come: across its chunk boundaries, newest first, every row once, times local.
let dir: string;
let cleanup: () => void;
let store: Store;
const N = 25_003;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  store = openStore(join(dir, 'r.db'));
  store.db.pragma('foreign_keys = OFF');
  const add = store.db.prepare(
    `INSERT INTO mismatches (session_id, seq, type, order_no, packer, station_id, at) VALUES (?, 1, 'weight', ?, 'p', 'B-1', ?)`,
  );
  store.db.transaction(() => {
    for (let i = 0; i < N; i++) add.run(`S${i}`, `SO${i}`, new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString());
  })();
});
afterAll(() => {
  store.close();
  cleanup();
});

it('CSV: every row once, newest first, in chunks, with progress', () => {
  const heard: number[] = [];
  const n = writeMismatchesCsv(store.repos.mismatches.each({}), join(dir, 'a.csv'), (k) => heard.push(k));
  expect(n).toBe(N);
  expect(heard).toEqual([10_000, 20_000]);
  const lines = readFileSync(join(dir, 'a.csv'), 'utf8').trimEnd().split('\r\n');
  expect(lines).toHaveLength(N + 1);
  expect(lines[1]).toContain(`"SO${N - 1}"`);
  expect(lines[N]).toContain('"SO0"');
  // Local time with its offset, as people read it (2026-01-01T00:00:00Z in this process's zone).
  expect(lines[N]).toMatch(/"20(25-12-31|26-01-01) \d{2}:\d{2}:00 [+-]\d{2}:\d{2}"/);
});

it('XLSX: the streamed workbook reads back whole', async () => {
  expect(await writeMismatchesXlsx(store.repos.mismatches.each({ type: 'weight' }), join(dir, 'a.xlsx'))).toBe(N);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'a.xlsx'));
  expect(wb.worksheets[0]!.rowCount).toBe(N + 1);
}, 60_000);
