import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCarriers } from '../../carriers';
import {
  startKdniaoFake,
  startSfFake,
  startShipEngineFake,
  type KdniaoFake,
  type SfFake,
  type ShipEngineFake,
} from '../../carriers/fakes';
import { startHooksServer } from '../../server';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../../config';
import { silentLog } from '../../log';
import { Warehouse, type EventUp, type Intercept } from '../../store';
import { waitFor } from '../../testing';
import { postgresMissing, startPostgres, type PgCluster } from '../../testing/postgres';
import { composeFeeds, hooksOf, shopeeTokenStore } from '.';

// Orders in and news out once per warehouse (issue 16, part 6), on a real PostgreSQL: a feed pulled by one runner per
// interval however many tick, pages written with their cursor, a started order kept, stops told by NOTIFY, Shopee's
// tokens refreshed once, and every bench's parcels followed once.
const missing = postgresMissing();
if (missing) console.log(`warehouse feeds tests skipped: ${missing}`);

let pg: PgCluster;
let url: string;
let a: Warehouse;
let b: Warehouse;
let feed: Server;
let feedUrl: string;
let kd: KdniaoFake;
let sf: SfFake;
let se: ShipEngineFake;
const asked: string[] = [];
let page: object[] = [];

const record = (orderNo: string, status = 'released', sku = 'TEA-LJ-250', qty = 1) => ({
  orderNo,
  status,
  ...(status === 'refunded' ? { holdReason: '买家退款' } : {}),
  receiver: { name: '李四', phone: '139', province: '广东省', city: '深圳市', address: '科技园 18 栋' },
  lines: [{ sku, qty }],
});

beforeAll(async () => {
  if (missing) return;
  pg = await startPostgres();
  url = pg.createDatabase('feeds');
  a = new Warehouse({ url });
  b = new Warehouse({ url });
  await a.migrate();
  feed = createServer((req, res) => {
    asked.push(req.url ?? '');
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ orders: page, next: 'c1', more: false }));
  });
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/orders`;
  kd = await startKdniaoFake('1234567', 'k');
  sf = await startSfFake('PB-SF', 'sf-check-word');
  se = await startShipEngineFake('se-key');
}, 60_000);
afterAll(async () => {
  if (missing) return;
  await Promise.all([a.close(), b.close(), kd.close(), sf.close(), se.close()]);
  feed.close();
  pg.stop();
});

const config = () =>
  ConfigSchema.parse({
    ...EMBEDDED_DEFAULT,
    feeds: { orders: [{ name: 'shop', url: feedUrl, intervalSeconds: 3600, webhookSecret: 's' }] },
    carriers: {
      kdniao: {
        baseUrl: `${kd.url}/api/EOrderService`,
        eBusinessId: '1234567',
        appKey: 'k',
        shipperCode: 'ZTO',
      },
      sf: { baseUrl: sf.url, partnerId: 'PB-SF', checkWord: 'sf-check-word' },
      shipengine: {
        baseUrl: se.url,
        apiKey: 'se-key',
        carrierId: 'se-123',
        serviceCode: 'usps_priority_mail',
        webhookJwksUrl: `${se.url}/jwks`,
      },
    },
    tracking: { intervalMinutes: 60, pickupHours: 24, stuckHours: 48 },
    notify: { url: 'http://127.0.0.1:9/ship', secret: 'n', tracking: true },
  });
/** What a bench or a worker runs over the warehouse: its feeds and tracking, taking turns. */
const desks = (w: Warehouse, runner: string, now = () => new Date()) => {
  const c = config();
  const tokens = shopeeTokenStore(null, w);
  return composeFeeds({
    config: c,
    carriers: createCarriers(c, null, () => undefined, tokens),
    shopeeTokens: tokens,
    warehouse: w,
    repos: null,
    runner,
    log: silentLog,
    now,
  });
};

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 2, 0, s)).toISOString();
/** A box's events as its bench pushes them: opened, booked with `carrier`, closed. */
const box = (session: string, orderNo: string, waybill: string, carrier = 'kdniao'): EventUp[] =>
  [
    ['box.opened', { order: { orderNo } }],
    ['box.booking', { shipmentId: 1, carrier }],
    ['box.booked', { shipmentId: 1, carrier, waybillNo: waybill }],
    ['box.closed', { waybillNo: waybill, weightG: 700, partial: false }],
  ].map(([type, payload], i) => ({
    sessionId: session,
    seq: i + 1,
    type: type as string,
    payload: JSON.stringify(payload),
    at: at(i),
    packer: '张伟',
  }));

describe.skipIf(missing)('orders in and tracking, once per warehouse', () => {
  it('a turn: 2 × 20 runners asking at once, exactly one runs; the next interval, one again', async () => {
    const ask = (w: Warehouse, i: number) => w.feeds.takeTurn('feed race', 150, `runner ${i}`);
    const first = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(i % 2 ? a : b, i)));
    expect(first.filter(Boolean)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    const second = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(i % 2 ? a : b, i)));
    expect(second.filter(Boolean)).toHaveLength(1);
  });

  it('a bench and a worker tick at once: the feed is asked once, its page and cursor written together', async () => {
    page = [record('WF-1'), record('WF-2', 'hold'), { orderNo: 'WF-BAD' }];
    asked.length = 0;
    const [bench, worker] = await Promise.all([
      desks(a, 'bench B-01').feeds.runDue(),
      desks(b, 'worker').feeds.runDue(),
    ]);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBe('/orders?limit=100');
    const ran = [...bench, ...worker];
    expect(ran).toHaveLength(1);
    expect(ran[0]!.report).toMatchObject({ written: 2, refused: [{ orderNo: 'WF-BAD' }], cursor: 'c1' });
    expect(await a.feeds.cursor('shop')).toBe('c1');
    expect(await a.orderStatus('WF-1')).toEqual({ status: 'released', reason: null });
    expect(await a.orderStatus('WF-2')).toEqual({ status: 'held', reason: 'hold' });
    // The CLI pulls whenever it is asked (not by turns), from the stored cursor.
    await desks(b, 'cli').feeds.pull('shop');
    expect(asked.at(-1)).toBe('/orders?cursor=c1&limit=100');
  });

  it('a claimed order keeps its lines; its refund stops it for every bench (NOTIFY), a packed one is told apart', async () => {
    const heard: Intercept[] = [];
    const stopListening = a.listen(
      (i) => heard.push(i),
      () => undefined,
    );
    await waitFor(
      async () =>
        (await a.pool.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN packbench_intercept%'"))
          .rows.length > 0,
      10_000,
      'listening',
    );
    const d = desks(b, 'hooks');
    await d.feeds.receive('shop', { orders: [record('WF-3'), record('WF-4')] });
    expect(await a.claim('WF-3', 'B-01', '张伟')).toEqual({ result: 'claimed', orderNo: 'WF-3' });
    // Re-delivered with other lines while a bench packs it: the box is what was verified.
    expect(
      await d.feeds.receive('shop', { orders: [record('WF-3', 'released', 'MUG-CLASSIC', 3)] }),
    ).toMatchObject({
      written: 0,
      unchanged: 1,
    });
    expect((await a.orderData('WF-3'))!.order.lines).toEqual([{ sku: 'TEA-LJ-250', name: null, qty: 1 }]);
    // Refunded: the order stops (no other bench may claim it) and every bench hears it.
    await d.feeds.receive('shop', { orders: [record('WF-3', 'refunded')] });
    await waitFor(() => heard.some((i) => i.orderNo === 'WF-3'), 5000, 'WF-3 heard');
    expect(heard.find((i) => i.orderNo === 'WF-3')).toEqual({
      orderNo: 'WF-3',
      status: 'cancelled',
      reason: '买家退款',
    });
    expect(await b.claim('WF-3', 'B-02', '李四')).toMatchObject({ result: 'held', reason: '买家退款' });
    // Packed at a bench: it stays packed (what was shipped); the bench that packed it is told all the same.
    await a.pool.query("UPDATE orders SET status = 'packed' WHERE order_no = 'WF-4'");
    expect(await d.feeds.receiveShopee(Buffer.from('{}'), undefined)).toMatchObject({ status: 404 });
    expect(await b.feeds.stop('WF-4', 'cancelled', 'Shopee CANCELLED')).toEqual({
      orderNo: 'WF-4',
      status: 'cancelled',
      reason: 'Shopee CANCELLED',
    });
    await waitFor(() => heard.some((i) => i.orderNo === 'WF-4'), 5000, 'WF-4 heard');
    expect(await a.orderStatus('WF-4')).toMatchObject({ status: 'packed' });
    // Each stop also waits for its bench in `intercepts` (a bench not listening finds it at its next sync).
    await a.pool.query("UPDATE orders SET packed_bench = 'B-07' WHERE order_no = 'WF-4'");
    await b.feeds.stop('WF-4', 'cancelled', 'Shopee CANCELLED');
    expect(await a.feeds.pendingIntercepts('B-01')).toEqual([
      { orderNo: 'WF-3', status: 'cancelled', reason: '买家退款' },
    ]);
    expect(await a.feeds.pendingIntercepts('B-07')).toEqual([
      { orderNo: 'WF-4', status: 'cancelled', reason: 'Shopee CANCELLED' },
    ]);
    await a.feeds.interceptHandled('WF-4', 'B-07');
    expect(await a.feeds.pendingIntercepts('B-07')).toEqual([]);
    // Cancelled while a bench packed it offline, unclaimed (`allow-new`): its box closing later finds the stop waiting.
    await d.feeds.receive('shop', { orders: [record('WF-5')] });
    expect(await b.feeds.stop('WF-5', 'cancelled', '买家取消')).toBeNull();
    await a.push('B-08', box('T-5', 'WF-5', 'ZT9000000005'), []);
    expect(await a.feeds.pendingIntercepts('B-08')).toEqual([
      { orderNo: 'WF-5', status: 'cancelled', reason: '买家取消' },
    ]);
    await stopListening();
  });

  it("Shopee's tokens: two runners finding them stale at once refresh once, and both use the fresh pair", async () => {
    await a.feeds.setTokens('shopee', {
      accessToken: 'old',
      refreshToken: 'r0',
      expiresAt: '2026-01-01T00:00:00Z',
    });
    let refreshes = 0;
    const stale = (t: { expiresAt: string } | null) => !t || Date.parse(t.expiresAt) < Date.now();
    const refresh = async (t: { refreshToken: string } | null) => {
      refreshes++;
      await new Promise((r) => setTimeout(r, 100));
      return { accessToken: `new-${t!.refreshToken}`, refreshToken: 'r1', expiresAt: '2099-01-01T00:00:00Z' };
    };
    const got = await Promise.all([
      a.feeds.renewTokens('shopee', stale, refresh),
      b.feeds.renewTokens('shopee', stale, refresh),
    ]);
    expect(refreshes).toBe(1);
    expect(got.map((t) => t.accessToken)).toEqual(['new-r0', 'new-r0']);
    expect(await b.feeds.tokens('shopee')).toMatchObject({ refreshToken: 'r1' });
  });

  it("every dock's parcels followed once: 签收 on the timeline, a silent one on the lead's list, a notice job each", async () => {
    await a.push('B-01', box('T-1', 'WT-1', 'ZT9000000001'), []);
    await b.push('B-02', box('T-2', 'WT-2', 'ZT9000000002'), []);
    const batch = await a.dock.open('kdniao', 'B-03', null);
    expect(await a.dock.load(batch, 'ZT9000000001', 'B-03')).toBeNull();
    expect(await a.dock.load(batch, 'ZT9000000002', 'B-03')).toBeNull();
    kd.tracks.set('ZT9000000001', {
      State: '3',
      Traces: [
        { AcceptTime: '2026-11-30 12:00:00', AcceptStation: '【深圳】派件中' },
        { AcceptTime: '2026-11-30 15:00:00', AcceptStation: '已签收，签收人：本人' },
      ],
    });
    kd.tracks.set('ZT9000000002', { State: '0', Traces: [] });
    const before = kd.calls.length;
    const rounds = await Promise.all([
      desks(a, 'bench B-01').tracking.pollDue(),
      desks(b, 'worker').tracking.pollDue(),
    ]);
    const ran = rounds.filter((r) => r !== null);
    expect(ran).toEqual([{ enrolled: 2, asked: 2, changed: 1, failed: [] }]);
    expect(kd.calls.length - before).toBe(2);
    const d = desks(a, 'lead', () => new Date(Date.now() + 25 * 3_600_000));
    expect((await d.tracking.timeline('WT-1')).map((e) => [e.status, e.text])).toEqual([
      ['delivering', '【深圳】派件中'],
      ['signed', '已签收，签收人：本人'],
    ]);
    expect(await d.tracking.attention()).toEqual([
      expect.objectContaining({ waybillNo: 'ZT9000000002', orderNo: 'WT-2', problem: 'not-picked-up' }),
    ]);
    const jobs = await a.pool.query("SELECT idempotency_key, payload FROM jobs WHERE kind = 'tracking'");
    expect(jobs.rows).toEqual([
      { idempotency_key: 'track-ZT9000000001-signed', payload: expect.stringContaining('"orderNo":"WT-1"') },
    ]);
    // Signed is the end: the next round asks about the silent one only.
    const next = await d.tracking.poll();
    expect(next).toMatchObject({ enrolled: 0, asked: 1 });
  });

  it("SF's route push and ShipEngine's webhook, each checked by its own signature, move parcels loaded at any dock", async () => {
    await a.push('B-04', box('T-3', 'WT-3', 'SF1000000003', 'sf'), []);
    await a.push('B-04', box('T-4', 'WT-4', '9400100000000000000004', 'shipengine'), []);
    for (const [carrier, waybill] of [
      ['sf', 'SF1000000003'],
      ['shipengine', '9400100000000000000004'],
    ] as const)
      expect(await a.dock.load(await a.dock.open(carrier, `D-${carrier}`, null), waybill, 'B-04')).toBeNull();
    const d = desks(b, 'worker');
    const hooks = await startHooksServer({
      host: '127.0.0.1',
      port: 0,
      feeds: hooksOf(d.feeds, d.tracking, config()),
      log: silentLog,
    });
    try {
      const post = (path: string, body: string, headers: Record<string, string>) =>
        fetch(`${hooks.url}${path}`, { method: 'POST', headers, body }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as unknown,
        }));
      const form = sf.routePush([
        {
          mailno: 'SF1000000003',
          acceptTime: '2026-12-01 09:00:00',
          remark: '快件交给派送员，正在派送途中',
          opCode: '44',
        },
        {
          mailno: 'SF1000000003',
          acceptTime: '2026-12-01 15:00:00',
          remark: '已签收，感谢使用顺丰',
          opCode: '80',
        },
      ]);
      const formType = { 'Content-Type': 'application/x-www-form-urlencoded' };
      const forged = new URLSearchParams({ ...form, msgDigest: 'AAAAAAAAAAAAAAAAAAAAAA==' }).toString();
      expect(await post('/hooks/tracking/sf', forged, formType)).toMatchObject({ status: 401 });
      expect(await d.tracking.timeline('WT-3')).toEqual([]);
      expect(await post('/hooks/tracking/sf', new URLSearchParams(form).toString(), formType)).toEqual({
        status: 200,
        body: { return_code: '0000', return_msg: '成功' },
      });
      expect((await d.tracking.timeline('WT-3')).map((e) => e.status)).toEqual(['delivering', 'signed']);

      const data = {
        tracking_number: '9400100000000000000004',
        status_code: 'EX',
        events: [
          { occurred_at: '2026-12-01T10:00:00Z', description: 'Delivery exception: address not found' },
        ],
      };
      const hook = se.webhook(data);
      expect(
        await post('/hooks/tracking/shipengine', hook.body, { 'Content-Type': 'application/json' }),
      ).toMatchObject({
        status: 404,
      });
      const tampered = hook.body.replace('"EX"', '"DE"');
      expect(await post('/hooks/tracking/shipengine', tampered, hook.headers)).toMatchObject({ status: 401 });
      const old = se.webhook(data, new Date(Date.now() - 10 * 60_000));
      expect(await post('/hooks/tracking/shipengine', old.body, old.headers)).toMatchObject({ status: 400 });
      expect(await d.tracking.timeline('WT-4')).toEqual([]);
      expect(await post('/hooks/tracking/shipengine', hook.body, hook.headers)).toEqual({
        status: 200,
        body: { ok: true },
      });
      expect(await d.tracking.timeline('WT-4')).toEqual([
        expect.objectContaining({ status: 'exception', text: 'Delivery exception: address not found' }),
      ]);
      expect((await d.tracking.attention()).map((p) => [p.orderNo, p.problem])).toContainEqual([
        'WT-4',
        'exception',
      ]);
    } finally {
      await hooks.close();
    }
  });

  it("跨境: an order's and its products' customs data go into the warehouse with them and down to a bench's cache", async () => {
    const customs = {
      hsCode: '69120010',
      nameEn: 'Ceramic mug',
      nameZh: '陶瓷马克杯',
      originCountry: 'CN',
      dangerousGoods: null,
    };
    await a.writeProducts([
      {
        sku: 'XB-MUG',
        name: '马克杯',
        unitWeightG: 350,
        length: null,
        width: null,
        height: null,
        image: null,
        category: null,
        serialRequired: false,
        kitOwnBarcode: false,
        barcodes: [{ code: '6900000000901', qty: 1 }],
        kit: [],
        customs,
      },
    ]);
    const declared = {
      country: 'US',
      buyerTaxId: null,
      ioss: null,
      incoterm: 'DDU',
      lines: [{ sku: 'XB-MUG', valueCents: 1250, currency: 'USD' }],
    };
    await a.writeOrders([
      { orderNo: 'XB-W1', header: {}, lines: [{ sku: 'XB-MUG', name: null, qty: 1 }], customs: declared },
      // A later file without customs columns leaves the declaration as it was.
    ]);
    await a.writeOrders([{ orderNo: 'XB-W1', header: {}, lines: [{ sku: 'XB-MUG', name: null, qty: 2 }] }]);
    const data = (await b.orderData('XB-W1'))!;
    expect(data.order.customs).toEqual(declared);
    expect(data.products[0]!.customs).toEqual(customs);
    // A lead's fix at one bench reaches the others' next claim of the order.
    const fixed = { ...customs, hsCode: '69120090' };
    expect(
      await a.writeCustoms('XB-W1', { ...declared, incoterm: 'DDP' }, new Map([['XB-MUG', fixed]])),
    ).toBe(true);
    expect(await a.writeCustoms('NO-SUCH', declared, new Map())).toBe(false);
    const after = (await b.orderData('XB-W1'))!;
    expect(after.order.customs).toMatchObject({ incoterm: 'DDP' });
    expect(after.products[0]!.customs).toEqual(fixed);
    // A feed's order abroad carries them too.
    await desks(b, 'hooks').feeds.receive('shop', {
      orders: [
        {
          ...record('XB-W2', 'released', 'XB-MUG'),
          country: 'gb',
          incoterm: 'DDP',
          lines: [{ sku: 'XB-MUG', qty: 1, declaredValue: 20, currency: 'gbp' }],
        },
      ],
    });
    expect((await a.orderData('XB-W2'))!.order.customs).toEqual({
      country: 'GB',
      buyerTaxId: null,
      ioss: null,
      incoterm: 'DDP',
      lines: [{ sku: 'XB-MUG', valueCents: 2000, currency: 'GBP' }],
    });
  });
});
