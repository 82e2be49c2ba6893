import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { WedgeDetector } from '../shared/scan';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../electron/config';
import { silentLog } from '../electron/log';
import { Station } from '../electron/station';
import { measure, printTable, summarize, type Figure } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-scan-'));
const figures: Figure[] = [];
afterAll(() => {
  printTable('Scanners', figures);
  rmSync(dir, { recursive: true, force: true });
});

it('suffix key → scan event', async () => {
  const detector = new WedgeDetector();
  let t = 0;
  figures.push(
    await measure('wedge detector: 13 keys + Enter (whole burst)', 20_000, () => {
      for (const c of '6900012345141') detector.key(c, (t += 5));
      const start = performance.now();
      detector.key('Enter', (t += 5));
      return performance.now() - start;
    }),
  );
  // measure() times the whole call; report the Enter alone from a second run.
  const enter: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    for (const c of '6900012345141') detector.key(c, (t += 5));
    const start = performance.now();
    detector.key('Enter', (t += 5));
    enter.push(performance.now() - start);
  }
  figures.push(summarize('wedge detector: the Enter key alone', enter));

  const config = ConfigSchema.parse({ ...EMBEDDED_DEFAULT, station: { id: 'B' } });
  const station = new Station({
    loaded: { config, source: { kind: 'default', path: null }, databasePath: join(dir, 'b.db') },
    version: 'b',
    log: silentLog,
  });
  station.scan('U1001');
  station.store.db
    .prepare("INSERT INTO orders (order_no, created_at, updated_at) VALUES ('MANY', 'x', 'x')")
    .run();
  station.store.db
    .prepare(
      "INSERT INTO order_lines (order_id, line_no, sku, qty) SELECT id, 1, 'TEA-LJ-250', 9999 FROM orders WHERE order_no = 'MANY'",
    )
    .run();
  station.scan('MANY');
  let pushed = 0;
  station.on('station.state', () => (pushed = performance.now()));
  const lat: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const start = performance.now();
    await station.call('scan.submit', { code: '6900012345004', scanner: 'wedge' });
    lat.push(pushed - start);
  }
  figures.push(summarize('station: scan.submit → station.state (stored)', lat));
  await station.close();
});
