import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../../testing';
import { postgresMissing, startPostgres, type PgCluster } from '../../testing/postgres';
import { Warehouse } from '.';

// The README's GRANT script, run as written: the admin role migrates, a bench role does a bench's work and no more.
const missing = postgresMissing();
let cluster: PgCluster;

beforeAll(async () => {
  if (!missing) cluster = await startPostgres();
}, 60_000);
afterAll(() => cluster?.stop());

function readmeGrants(): { asSuperuser: string; asAdmin: string } {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Warehouse'));
  const sql = /```sql\n([\s\S]*?)```/.exec(section)![1]!.replace(/'…'/g, "'secret'");
  const [asSuperuser, asAdmin] = sql.split(/^\s*-- after migrating, as packbench_admin:\s*$/m);
  return { asSuperuser: asSuperuser!, asAdmin: asAdmin! };
}

async function run(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

it.skipIf(missing)(
  "the README roles: the admin migrates; a bench does all of a bench's work, and cannot drop or rewrite the journals",
  async () => {
    const { asSuperuser, asAdmin } = readmeGrants();
    cluster.createDatabase('warehouse');
    const as = (user: string) => `postgres://${user}:secret@127.0.0.1:${cluster.port}/warehouse`;
    await run(as('postgres'), asSuperuser);
    const admin = new Warehouse({ url: as('packbench_admin') });
    await admin.migrate();
    await run(as('packbench_admin'), asAdmin);
    await admin.close();

    const bench = new Warehouse({ url: as('bench01') });
    try {
      await bench.writeOrders([
        { orderNo: 'R-1', header: {}, lines: [{ sku: 'TEA-1', name: null, qty: 1 }] },
      ]);
      expect(await bench.claim('R-1', 'B-01', '张伟')).toEqual({ result: 'claimed', orderNo: 'R-1' });
      await bench.push(
        'B-01',
        [
          {
            sessionId: 'S1',
            seq: 1,
            type: 'box.opened',
            payload: '{"order":{"orderNo":"R-1"}}',
            at: '2026-11-30T04:00:00Z',
            packer: '张伟',
          },
        ],
        [],
      );
      await bench.heartbeat('B-01', { packer: '张伟' });
      // Everything else a bench does, as the bench's role: a lease, a box booked with a serial, a wrong item, its
      // ship notice, closed and handed over at the dock, a lead's resolution, an admin's rule, a user added.
      await bench.importPool('zto', ['ZT1', 'ZT2', 'ZT3']);
      expect(await bench.lease('B-01', 'zto', 2)).toEqual(['ZT1', 'ZT2']);
      await bench.giveBack('B-01', 'zto', ['ZT2']);
      const ev = (seq: number, type: string, payload: object) => ({
        sessionId: 'S1',
        seq,
        type,
        payload: JSON.stringify(payload),
        at: `2026-11-30T04:00:0${seq}Z`,
        packer: '张伟',
      });
      await bench.push(
        'B-01',
        [
          ev(2, 'scan.checked', { check: { result: 'ok', sku: 'TEA-1', serial: 'SN-1' } }),
          ev(3, 'box.booking', { shipmentId: 1, carrier: 'zto' }),
          ev(4, 'box.booked', { shipmentId: 1, carrier: 'zto', waybillNo: 'ZT1' }),
          ev(5, 'box.closed', { waybillNo: 'ZT1', weightG: 500, partial: false }),
        ],
        [
          {
            sessionId: 'S1',
            seq: 2,
            type: 'wrong-item',
            orderNo: 'R-1',
            sku: 'TEA-1',
            code: 'X',
            expected: null,
            actual: null,
            packer: '张伟',
            at: '2026-11-30T04:00:02Z',
          },
        ],
        [{ kind: 'ship-notice', idempotency_key: 'ship-R-1', payload: '{}' }],
      );
      const job = (await bench.takeJob('B-01'))!;
      await bench.finishJob(job.id, null, 0);
      const batch = await bench.dock.open('zto', 'B-01', '李主管');
      expect(await bench.dock.load(batch, 'ZT1', 'B-01')).toBeNull();
      await bench.dock.close(batch, '李主管');
      const m = (await bench.mismatches({ limit: 10 })).rows[0]!;
      expect(await bench.resolveMismatch(m.id, '已培训', '李主管')).toBe(true);
      await bench.setRule('reasons', { hold: ['缺货'] }, '王管理');
      await bench.upsertUser({ name: '赵六', role: 'packer', badge: 'U9', pinHash: null });
      expect((await bench.mismatches({ limit: 10 })).total).toBe(1);
      // Orders in and news out, once per warehouse, and 跨境: a feed page with its cursor, a turn, the platform's
      // tokens, a stop waiting for a bench, a parcel followed, a lead's customs fix.
      await bench.feeds.write(
        [{ orderNo: 'R-2', header: {}, lines: [{ sku: 'TEA-1', name: null, qty: 1 }], stop: null }],
        { feed: 'shop', next: 'c1' },
      );
      expect(await bench.feeds.takeTurn('feed shop', 60_000, 'B-01')).toBe(true);
      await bench.feeds.setTokens('shopee', { accessToken: 'a' });
      await bench.feeds.renewTokens(
        'shopee',
        () => true,
        () => Promise.resolve({ accessToken: 'b' }),
      );
      expect(await bench.feeds.stop('R-2', 'cancelled', '退款')).toBeNull();
      await bench.feeds.interceptHandled('R-2', 'B-01');
      expect(await bench.parcels.enrolHandedOver()).toBe(1);
      await bench.parcels.record(
        'ZT1',
        [{ at: '2026-11-30 10:00:00', status: 'collected', text: '已揽收' }],
        'collected',
        '2026-11-30T10:00:00Z',
        () => null,
      );
      await bench.writeProducts([
        {
          sku: 'TEA-1',
          name: '茶',
          unitWeightG: 250,
          length: null,
          width: null,
          height: null,
          image: null,
          category: null,
          serialRequired: false,
          kitOwnBarcode: false,
          barcodes: [],
          kit: [],
        },
      ]);
      expect(
        await bench.writeCustoms(
          'R-1',
          {
            country: 'US',
            buyerTaxId: null,
            ioss: null,
            incoterm: 'DDU',
            lines: [{ sku: 'TEA-1', valueCents: 100, currency: 'USD' }],
          },
          new Map([
            [
              'TEA-1',
              { hsCode: '090210', nameEn: 'Tea', nameZh: '茶', originCountry: 'CN', dangerousGoods: null },
            ],
          ]),
        ),
      ).toBe(true);
      // The journals are added to, never changed.
      await expect(bench.pool.query('DELETE FROM events')).rejects.toThrow(/permission denied/);
      await expect(bench.pool.query('UPDATE rules_audit SET changed_by = $1', ['x'])).rejects.toThrow(
        /permission denied/,
      );
      await expect(bench.pool.query('DROP TABLE events')).rejects.toThrow(/must be owner/);
      await expect(bench.migrate()).rejects.toThrow();
    } finally {
      await bench.close();
    }
  },
);
