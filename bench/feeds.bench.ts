import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { createCarriers } from '../electron/carriers';
import { startKdniaoFake, type KdniaoFake } from '../electron/carriers/fakes';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../electron/config';
import { benchFeedStore, pullFeed, warehouseFeedStore, type FeedStore } from '../electron/intake';
import { silentLog } from '../electron/log';
import { composeFeeds, shopeeTokenStore } from '../electron/station';
import { openStore, Warehouse, type EventUp, type Store } from '../electron/store';
import { tempDir } from '../electron/testing';
import { postgresMissing, startPostgres, type PgCluster } from '../electron/testing/postgres';
import { measure, printTable, summarize, type Figure } from './harness';

// Orders in and news out (issue 16), a single bench's SQLite beside a warehouse's PostgreSQL: a feed page of 100 orders
// written with its cursor, a whole pull of 2 000 orders, a stop reaching a bench (NOTIFY → heard), a tracking round
// of 200 parcels against the KDNiao fake.
const missing = postgresMissing();
const figures: Figure[] = [];
let pg: PgCluster;
let w: Warehouse;
let store: Store;
let cleanup: () => void;
let feed: Server;
let feedUrl: string;
let kd: KdniaoFake;
const PAGE = 100;

const order = (no: string) => ({
  orderNo: no,
  status: 'released' as const,
  receiver: {
    name: '张三',
    phone: '138',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    address: '文三路 1 号',
  },
  lines: [
    { sku: 'TEA-1', qty: 1 },
    { sku: 'CUP-1', qty: 2 },
  ],
});

beforeAll(async () => {
  if (missing) return;
  pg = await startPostgres();
  w = new Warehouse({ url: pg.createDatabase('feeds') });
  await w.migrate();
  let dir: string;
  ({ dir, cleanup } = tempDir());
  store = openStore(join(dir, 'bench.db'));
  // 2 000 orders in pages of 100 behind a cursor.
  feed = createServer((req, res) => {
    const cursor = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('cursor') ?? 0);
    const orders = Array.from({ length: PAGE }, (_, i) => order(`FB-${cursor + i}`));
    const next = cursor + PAGE;
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ orders, next: String(next), more: next < 2000 }));
  });
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/orders`;
  kd = await startKdniaoFake('1234567', 'k');
}, 60_000);
afterAll(async () => {
  if (missing) return;
  printTable('orders in and tracking: a bench (SQLite) beside the warehouse (PostgreSQL)', figures);
  await w.close();
  await kd.close();
  feed.close();
  store.close();
  cleanup();
  pg.stop();
});

it.skipIf(missing)('a page of 100 orders and a pull of 2 000, bench and warehouse', async () => {
  const stores: [string, FeedStore][] = [
    ['bench SQLite', benchFeedStore(store.repos)],
    ['warehouse PostgreSQL', warehouseFeedStore(w)],
  ];
  const at = new Date().toISOString();
  for (const [where, s] of stores) {
    let n = 0;
    const page = await measure(`${where}: a page of 100 orders + cursor`, 30, async () => {
      const base = n++ * PAGE;
      await s.write(
        Array.from({ length: PAGE }, (_, i) => order(`PG-${base + i}`)),
        at,
        { feed: 'bench', next: String(base) },
      );
    });
    figures.push(page);
    const t = performance.now();
    const r = await pullFeed(
      s,
      { name: `pull-${where}`, url: feedUrl, limit: PAGE },
      { now: () => new Date() },
    );
    if (r.written !== 2000) throw new Error(`${where}: ${r.written} written`);
    figures.push({
      ...summarize(`${where}: a pull of 2 000 orders (20 pages)`, [performance.now() - t]),
      n: 1,
    });
  }
});

it.skipIf(missing)('a stop of a packed order: written until the bench hears it (NOTIFY)', async () => {
  await w.writeOrders([{ orderNo: 'STOP-1', header: {}, lines: [{ sku: 'TEA-1', name: null, qty: 1 }] }]);
  await w.pool.query("UPDATE orders SET status = 'packed', packed_bench = 'B-1' WHERE order_no = 'STOP-1'");
  let heard: (() => void) | null = null;
  const stop = w.listen(
    () => heard?.(),
    () => undefined,
  );
  await new Promise((r) => setTimeout(r, 500));
  const samples = await measure('warehouse: a stop written → heard by a bench', 30, async () => {
    const got = new Promise<void>((r) => (heard = r));
    await w.feeds.stop('STOP-1', 'cancelled', 'bench');
    await got;
  });
  figures.push(samples);
  await stop();
});

it.skipIf(missing)('a tracking round of 200 parcels, bench and warehouse', async () => {
  const config = ConfigSchema.parse({
    ...EMBEDDED_DEFAULT,
    carriers: {
      kdniao: {
        baseUrl: `${kd.url}/api/EOrderService`,
        eBusinessId: '1234567',
        appKey: 'k',
        shipperCode: 'ZTO',
      },
    },
  });
  // 200 parcels loaded at the warehouse's dock.
  const events: EventUp[] = [];
  for (let i = 0; i < 200; i++)
    for (const [seq, type, payload] of [
      [1, 'box.opened', { order: { orderNo: `TR-${i}` } }],
      [2, 'box.booking', { shipmentId: 1, carrier: 'kdniao' }],
      [3, 'box.booked', { shipmentId: 1, carrier: 'kdniao', waybillNo: `ZT8${String(i).padStart(9, '0')}` }],
      [4, 'box.closed', { waybillNo: `ZT8${String(i).padStart(9, '0')}`, weightG: 500, partial: false }],
    ] as const)
      events.push({
        sessionId: `TR-${i}`,
        seq,
        type,
        payload: JSON.stringify(payload),
        at: new Date().toISOString(),
        packer: null,
      });
  await w.push('B-1', events, []);
  const batch = await w.dock.open('kdniao', 'B-1', null);
  for (let i = 0; i < 200; i++) await w.dock.load(batch, `ZT8${String(i).padStart(9, '0')}`, 'B-1');
  const tokens = shopeeTokenStore(null, w);
  const desks = composeFeeds({
    config,
    carriers: createCarriers(config, null, () => undefined, tokens),
    shopeeTokens: tokens,
    warehouse: w,
    repos: null,
    runner: 'bench',
    log: silentLog,
    now: () => new Date(),
  });
  const t = performance.now();
  const r = await desks.tracking.poll();
  if (r.asked !== 200) throw new Error(`asked ${r.asked}`);
  figures.push({
    ...summarize('warehouse: a tracking round of 200 parcels (KDNiao fake)', [performance.now() - t]),
    n: 1,
  });
  const again = performance.now();
  await desks.tracking.poll();
  figures.push({
    ...summarize('warehouse: the next round (200 asked again)', [performance.now() - again]),
    n: 1,
  });
});
