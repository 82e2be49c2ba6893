import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Warehouse } from '../../store';
import { runCli, startServe, tempDir, waitFor, writeJson } from '../../testing';
import { postgresMissing, startPostgres, type PgCluster } from '../../testing/postgres';
import { stationClient } from '../../testing/rpc';

// Item-first in a warehouse: two real `packbench serve` benches on one PostgreSQL, both scanning the same SKU as fast
// as their claims come back. Each scan claims one order; no order may reach two benches.
const missing = postgresMissing();
if (missing) console.log(`item-first warehouse test skipped: ${missing}`);

const CAP = '6903000000018';
const ORDERS = 110;
let dir: string;
let cleanup: () => void;
let pg: PgCluster;
let wh: Warehouse;
const children: ChildProcess[] = [];
const clients: ReturnType<typeof stationClient>[] = [];

beforeAll(async () => {
  if (missing) return;
  ({ dir, cleanup } = tempDir());
  pg = await startPostgres();
  const url = pg.createDatabase('warehouse');
  wh = new Warehouse({ url });
  const configs = ['IF-01', 'IF-02'].map((id) =>
    writeJson(join(dir, `${id}.json`), {
      station: { id, locale: 'en' },
      database: { path: `${id}.db` },
      demoData: true,
      pack: { mode: 'item-first' },
      printers: { label: { uri: `file:${join(dir, `labels-${id}`)}/`, language: 'zpl' } },
      warehouse: { postgresUrl: url },
    }),
  );
  writeFileSync(join(dir, 'products.csv'), `sku,name,barcodes,unit_weight_g\nCAP-W,棒球帽,${CAP},120\n`);
  // A second apart: the order time orders them as their numbers do.
  const time = (i: number) =>
    `08:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
  const rows = Array.from(
    { length: ORDERS },
    (_, i) => `W-${String(i).padStart(3, '0')},店,CAP-W,1,2026-11-29 ${time(i)}`,
  );
  writeFileSync(join(dir, 'orders.csv'), `order_no,shop,sku,qty,ordered_at\n${rows.join('\n')}\n`);
  const env = { PACKBENCH_HOME: join(dir, 'home') };
  for (const args of [
    ['warehouse', 'migrate', '--config', configs[0]!],
    ['products', 'import', join(dir, 'products.csv'), '--config', configs[0]!],
    ['orders', 'import', join(dir, 'orders.csv'), '--config', configs[0]!],
  ]) {
    const r = await runCli(args, env);
    expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
  }
  for (const config of configs) {
    const s = await startServe(['--config', config], env);
    children.push(s.child);
    const client = stationClient(s.url);
    await client.ready;
    clients.push(client);
  }
}, 120_000);

afterAll(async () => {
  if (missing) return;
  for (const c of clients) c.close();
  for (const c of children) c.kill('SIGKILL');
  await wh.close();
  pg.stop();
  cleanup();
});

type Lite = { box: { orderNo: string } | null; feedback: { kind: string } | null } | null;

/** One packer's 50 item scans: each claims an order, which is set aside so the next scan claims again. */
async function packer(client: ReturnType<typeof stationClient>, badge: string): Promise<string[]> {
  await client.call('scan.submit', { code: badge });
  const got: string[] = [];
  for (let i = 0; i < 50; i++) {
    await client.call('scan.submit', { code: CAP });
    await waitFor(() => {
      const s = client.state() as Lite;
      return !!s?.box || s?.feedback?.kind === 'no-single-order';
    }, 20_000);
    const s = client.state() as Lite;
    if (!s?.box) throw new Error(`scan ${i}: ${JSON.stringify(s?.feedback)}`);
    got.push(s.box.orderNo);
    await client.call('scan.submit', { code: 'PB:HOLD:other' });
    await waitFor(() => (client.state() as Lite)?.box === null, 20_000);
  }
  return got;
}

it.skipIf(missing)(
  'two benches, 2 × 50 scans of one SKU at once: 100 different orders, none twice, the earliest first',
  async () => {
    const [one, two] = await Promise.all([packer(clients[0]!, 'U1001'), packer(clients[1]!, 'U1002')]);
    const all = [...one!, ...two!];
    expect(all).toHaveLength(100);
    expect(new Set(all).size).toBe(100);
    expect([...all].sort()).toEqual(Array.from({ length: 100 }, (_, i) => `W-${String(i).padStart(3, '0')}`));
    // Each bench took its orders in order time: a bench's own sequence only goes forward.
    for (const seq of [one!, two!]) expect([...seq].sort()).toEqual(seq);
    const claims = await wh.pool.query<{ bench_id: string; n: number }>(
      'SELECT bench_id, count(*)::int AS n FROM claims GROUP BY 1 ORDER BY 1',
    );
    expect(claims.rows).toEqual([
      { bench_id: 'IF-01', n: 50 },
      { bench_id: 'IF-02', n: 50 },
    ]);
  },
  180_000,
);
