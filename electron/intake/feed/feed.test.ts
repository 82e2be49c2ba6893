import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store';
import { tempDir } from '../../testing';
import { benchFeedStore, checkPage, FeedError, pullFeed, readPointer } from '.';

/** A feed as a shop system serves it: pages behind a cursor, 429 once with Retry-After, a bad record on page 2. */
const order = (no: string, over: Record<string, unknown> = {}) => ({
  orderNo: no,
  shop: '旗舰店',
  platform: 'web',
  status: 'released',
  receiver: {
    name: '陈静',
    phone: '13655556666',
    province: '四川省',
    city: '成都市',
    district: '武侯区',
    address: '天府大道 1000 号',
  },
  lines: [{ sku: 'TEA-LJ-250', name: '西湖龙井 250g', qty: 2 }],
  orderValue: 128.5,
  ...over,
});

let dir: string;
let cleanup: () => void;
let store: Store;
let server: Server;
let url: string;
let pages: Record<string, { status?: number; headers?: Record<string, string>; body?: unknown }[]>;
const asked: string[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  store = openStore(join(dir, 'b.db'));
  asked.length = 0;
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const cursor = u.searchParams.get('cursor') ?? 'start';
    asked.push(`${cursor}:${u.searchParams.get('limit')}:${String(req.headers.authorization)}`);
    const a = pages[cursor]?.shift() ?? { status: 404, body: { error: 'no such cursor' } };
    res
      .writeHead(a.status ?? 200, { 'Content-Type': 'application/json', ...a.headers })
      .end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
});
afterEach(async () => {
  store.close();
  cleanup();
  await new Promise((r) => server.close(r));
});

const feed = (over: object = {}) => ({
  name: 'shop',
  url,
  limit: 2,
  headers: { Authorization: 'Bearer t0k' },
  ...over,
});
const waits: number[] = [];
const pull = (over: object = {}) =>
  pullFeed(benchFeedStore(store.repos), feed(over), {
    now: () => new Date('2026-11-30T08:00:00Z'),
    sleep: async (ms) => void waits.push(ms),
  });

describe('the generic order feed', () => {
  it('pulls page by page from its cursor, waits out a 429 as told, writes the good records and refuses the bad one', async () => {
    waits.length = 0;
    pages = {
      start: [{ body: { orders: [order('F-1'), order('F-2')], next: 'c2', more: true } }],
      c2: [
        { status: 429, headers: { 'Retry-After': '3' }, body: {} },
        {
          body: {
            orders: [
              order('F-3', { lines: [{ sku: 'TEA-LJ-250', qty: 0 }] }),
              order('F-4', { status: 'hold', holdReason: '地址待确认' }),
            ],
            next: 'c3',
            more: false,
          },
        },
      ],
    };
    const r = await pull();
    expect(r).toMatchObject({ pages: 2, written: 3, cursor: 'c3', intercepts: [] });
    expect(r.refused).toEqual([
      { orderNo: 'F-3', index: 0, reason: 'lines[0].qty: Too small: expected number to be >=1' },
    ]);
    expect(waits).toEqual([3000]);
    expect(asked).toEqual(['start:2:Bearer t0k', 'c2:2:Bearer t0k', 'c2:2:Bearer t0k']);
    expect(store.repos.feeds.cursor('shop')).toBe('c3');
    const f4 = store.repos.orders.findByCode('F-4')!.order;
    expect([f4.status, f4.hold_reason, f4.receiver_name]).toEqual(['held', '地址待确认', '陈静']);
    expect(store.repos.orders.findByCode('F-1')!.order.order_value_cents).toBe(12850);
    expect(store.repos.orders.findByCode('F-3')).toBeNull();
  });

  it('the same order again updates it and never duplicates it; a 5xx that stays leaves the cursor where it was', async () => {
    pages = {
      start: [{ body: { orders: [order('F-1')], next: 'c2', more: true } }],
      c2: Array.from({ length: 4 }, () => ({ status: 503, body: {} })),
    };
    await expect(pull()).rejects.toThrow(FeedError);
    expect(store.repos.feeds.cursor('shop')).toBe('c2');
    pages = {
      c2: [{ body: { orders: [order('F-1', { note: '改地址' }), order('F-2')], next: 'c3', more: false } }],
    };
    expect(await pull()).toMatchObject({ written: 2, cursor: 'c3' });
    const rows = store.db.prepare("SELECT count(*) FROM orders WHERE order_no = 'F-1'").pluck().get();
    expect(rows).toBe(1);
    expect(store.repos.orders.findByCode('F-1')!.order.note).toBe('改地址');
  });

  it('an order a bench started is not rewritten; its cancellation comes back as an intercept', async () => {
    pages = { start: [{ body: { orders: [order('F-1')], next: 'c2', more: false } }] };
    await pull();
    const id = store.repos.orders.findByCode('F-1')!.order.id;
    store.repos.orders.setStatus(id, 'packing', null, '2026-11-30T08:01:00Z');
    pages = {
      c2: [
        {
          body: {
            orders: [order('F-1', { status: 'refunded', lines: [{ sku: 'X', qty: 9 }] })],
            next: 'c3',
            more: false,
          },
        },
      ],
    };
    expect(await pull()).toMatchObject({
      written: 0,
      intercepts: [{ orderNo: 'F-1', status: 'cancelled', reason: 'refunded' }],
    });
    expect(store.repos.orders.linesOf(id).map((l) => [l.sku, l.qty])).toEqual([['TEA-LJ-250', 2]]);
  });

  it('a field map reads another system’s JSON without code (JSON pointers)', () => {
    const body = {
      data: {
        list: [
          {
            order_sn: 'SHP-1',
            state: 'released',
            buyer: {
              full_name: '王芳',
              mobile: '15011112222',
              region: ['北京市', '北京市', '朝阳区'],
              street: '望京 SOHO',
            },
            items: [{ model_sku: 'CUP-CER-01', count: 1 }],
          },
        ],
        cursor: 'n2',
        has_more: true,
      },
    };
    const map = {
      orders: '/data/list',
      next: '/data/cursor',
      more: '/data/has_more',
      orderNo: '/order_sn',
      status: '/state',
      'receiver.name': '/buyer/full_name',
      'receiver.phone': '/buyer/mobile',
      'receiver.province': '/buyer/region/0',
      'receiver.city': '/buyer/region/1',
      'receiver.district': '/buyer/region/2',
      'receiver.address': '/buyer/street',
      lines: '/items',
      'lines.sku': '/model_sku',
      'lines.qty': '/count',
    };
    const page = checkPage(body, map);
    expect(page).toMatchObject({ next: 'n2', more: true, refused: [] });
    expect(page.orders[0]).toMatchObject({
      orderNo: 'SHP-1',
      receiver: { name: '王芳', province: '北京市', district: '朝阳区', address: '望京 SOHO' },
      lines: [{ sku: 'CUP-CER-01', qty: 1 }],
    });
    expect(readPointer({ 'a/b': { '~c': 1 } }, '/a~1b/~0c')).toBe(1);
    expect(() => checkPage({ nothing: true })).toThrow(/not a feed page: orders/);
  });
});
