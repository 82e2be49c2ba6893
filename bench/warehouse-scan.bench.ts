import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../electron/config';
import { silentLog } from '../electron/log';
import { Station } from '../electron/station';
import { Warehouse } from '../electron/store';
import { tempDir, waitFor } from '../electron/testing';
import { postgresMissing, startPostgres, type PgCluster } from '../electron/testing/postgres';
import { printTable, summarize, type Figure } from './harness';

// A scan at a warehouse bench while the lead's review (mismatch page, charts, the board) runs on the same bench over
// 1 M mismatches in PostgreSQL: the scan's screen update in the engine, alone and beside the lead. Goal p99 ≤ 16 ms.
const missing = postgresMissing();
const figures: Figure[] = [];
let pg: PgCluster;
let station: Station;
let cleanup: () => void;

beforeAll(async () => {
  if (missing) return;
  pg = await startPostgres();
  const url = pg.createDatabase('scan');
  const w = new Warehouse({ url });
  await w.migrate();
  await w.writeProducts([
    {
      sku: 'TEA-LJ-250',
      name: '西湖龙井 250g',
      unitWeightG: 280,
      length: null,
      width: null,
      height: null,
      image: null,
      category: null,
      serialRequired: false,
      kitOwnBarcode: false,
      barcodes: [{ code: '6900012345004', qty: 1 }],
      kit: [],
    },
  ]);
  await w.writeOrders([
    { orderNo: 'BIG-1', header: {}, lines: [{ sku: 'TEA-LJ-250', name: null, qty: 2000 }] },
  ]);
  await w.pool.query(
    `INSERT INTO mismatches (bench_id, session_id, seq, type, order_no, sku, packer, at)
     SELECT 'B-' || lpad((g % 50)::text, 2, '0'), 'S' || (g / 20), g % 20, 'wrong-item', 'SO' || g, 'SKU-' || (g % 500),
            'packer ' || (g % 80), now() - (g * 3 || ' seconds')::interval
     FROM generate_series(1, 1000000) g`,
  );
  await w.pool.query('VACUUM ANALYZE mismatches');
  await w.close();
  let dir: string;
  ({ dir, cleanup } = tempDir());
  station = new Station({
    loaded: {
      config: ConfigSchema.parse({
        ...EMBEDDED_DEFAULT,
        station: { id: 'SCAN-1' },
        warehouse: { postgresUrl: url },
      }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 'bench',
    log: silentLog,
  });
  station.scan('U1001');
  station.scan('BIG-1');
  await waitFor(() => station.state().box?.orderNo === 'BIG-1', 10_000, 'the order claimed and open');
}, 300_000);
afterAll(async () => {
  if (missing) return console.log(`warehouse scan bench skipped: ${missing}`);
  printTable("A scan's screen update at a warehouse bench (engine)", figures);
  await station.close();
  cleanup();
  pg.stop();
});

async function scans(n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    station.scan('6900012345004');
    times.push(performance.now() - t);
    // A packer scans a few times a second; the lead's answers arrive in between.
    await new Promise((r) => setTimeout(r, 5));
  }
  return times;
}

it.skipIf(missing)('alone, and while the lead reviews 1 M mismatches on the same bench', async () => {
  figures.push(summarize('scan → state, alone', await scans(400)));
  let lead = true;
  let queries = 0;
  const review = (async () => {
    while (lead) {
      await Promise.all([
        station.call('mismatch.list', { limit: 50 }),
        station.call('mismatch.list', { sku: 'SKU-7', limit: 50 }),
        station.call('mismatch.stats', {}),
        station.call('warehouse.benches', undefined),
      ]);
      queries += 4;
    }
  })();
  const beside = await scans(400);
  lead = false;
  await review;
  figures.push(summarize(`scan → state, beside the lead (${queries} review queries)`, beside));
});
