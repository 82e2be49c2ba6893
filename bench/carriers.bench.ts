import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { KdniaoAdapter, PoolAdapter, type ShipmentRequest } from '../electron/carriers';
import { startKdniaoFake } from '../electron/carriers/fakes';
import { createRepos, openStore } from '../electron/store';
import { measure, printTable, type Figure } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-carrier-'));
const figures: Figure[] = [];
afterAll(() => {
  printTable('Carrier booking overhead (key stored, call, result stored)', figures);
  rmSync(dir, { recursive: true, force: true });
});

const req = (key: string): ShipmentRequest => ({
  carrier: 'x',
  shipper: {
    name: '仓',
    phone: '057188886666',
    province: '浙江省',
    city: '杭州市',
    district: '余杭区',
    address: '文一西路 1500 号',
  },
  recipient: {
    name: '陈静',
    phone: '13655556666',
    province: '四川省',
    city: '成都市',
    district: '武侯区',
    address: '天府大道 1000 号',
  },
  parcels: [{ weightG: 1200, items: [{ name: '西湖龙井', qty: 2 }] }],
  options: {},
  reference: 'SO-1',
  idempotencyKey: key,
});

it('pool vs KDNiao over local HTTP', async () => {
  const store = openStore(join(dir, 'b.db'));
  const repos = createRepos(store.db);
  const order = store.db
    .prepare("INSERT INTO orders (order_no, created_at, updated_at) VALUES ('SO-1', 'x', 'x')")
    .run().lastInsertRowid as number;
  store.repos.waybillPool.add(
    'zto',
    Array.from({ length: 5000 }, (_, i) => `ZT${7700000000 + i}`),
    new Date().toISOString(),
  );
  const pool = new PoolAdapter(store.repos.waybillPool, 'zto', 10);
  const fake = await startKdniaoFake('1', 'k');
  const kd = new KdniaoAdapter({
    baseUrl: `${fake.url}/api/EOrderService`,
    eBusinessId: '1',
    appKey: 'k',
    shipperCode: 'ZTO',
  });
  const book = (adapter: PoolAdapter | KdniaoAdapter, tag: string) => async (i: number) => {
    const key = `${tag}-${i}`;
    const id = repos.shipments.create({
      sessionId: null,
      orderId: order,
      carrier: adapter.name,
      key,
      request: req(key),
      weightG: 1200,
      priceCents: null,
      choice: [],
      at: 'x',
    });
    const r = await adapter.book(req(key));
    repos.shipments.result(
      id,
      {
        status: r.kind === 'booked' ? 'booked' : 'unknown',
        waybillNo: r.kind === 'booked' ? r.details.waybillNo : null,
      },
      'x',
    );
  };
  figures.push(await measure('pool (offline waybill numbers)', 1000, book(pool, 'p')));
  figures.push(await measure('KDNiao 1007 to a local HTTP fake (signature checked)', 300, book(kd, 'k')));
  await fake.close();
  store.close();
});
