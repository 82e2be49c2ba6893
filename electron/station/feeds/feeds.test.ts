import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../../config';
import { silentLog } from '../../log';
import { startHooksServer, type HooksServer } from '../../server';
import { packAndClose, tempDir, waitFor } from '../../testing';
import { Station } from '..';

// Pushes to a single bench's hook listener, signed as a shop system signs them, and the 拦截 they cause at the bench.
const SECRET = 'whsec-7f3a9c-packbench';
let dir: string;
let cleanup: () => void;
let station: Station;
let hooks: HooksServer;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  station = new Station({
    loaded: {
      config: ConfigSchema.parse({
        ...EMBEDDED_DEFAULT,
        station: { id: 'F-1' },
        feeds: { orders: [{ name: 'shop', webhookSecret: SECRET }] },
      }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 't',
    log: silentLog,
  });
  hooks = await startHooksServer({ host: '127.0.0.1', port: 0, feeds: station.hooks, log: silentLog });
});
afterEach(async () => {
  await hooks.close();
  await station.close();
  cleanup();
});

const record = (orderNo: string, status = 'released', sku = 'TEA-LJ-250') => ({
  orderNo,
  shop: '旗舰店',
  status,
  receiver: {
    name: '李四',
    phone: '13987654321',
    province: '广东省',
    city: '深圳市',
    address: '科技园 18 栋',
  },
  lines: [{ sku, qty: 1 }],
});
const sign = (raw: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
async function push(body: unknown, signature: string | null | 'good' = 'good', feed = 'shop') {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${hooks.url}/hooks/orders/${feed}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(signature ? { 'X-Packbench-Signature': signature === 'good' ? sign(raw) : signature } : {}),
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const orderOf = (no: string) => station.repos.orders.findByCode(no)?.order ?? null;

describe('order pushes', () => {
  it('a signed push is written; a bad or missing signature is 401, an oversized body 413, and nothing is stored', async () => {
    expect(await push({ orders: [record('P-1'), { orderNo: 'P-2' }] })).toEqual({
      status: 200,
      body: {
        written: 1,
        unchanged: 0,
        refused: [{ orderNo: 'P-2', index: 1, reason: expect.stringContaining('status') }],
      },
    });
    expect(orderOf('P-1')).toMatchObject({ status: 'released', receiver_name: '李四' });
    expect((await push({ orders: [record('P-3')] }, sign('{}'))).status).toBe(401);
    expect((await push({ orders: [record('P-3')] }, null)).status).toBe(401);
    expect((await push({ orders: [record('P-3')] }, 'good', 'other')).status).toBe(404);
    const big = JSON.stringify({ orders: [record('P-3')], pad: 'x'.repeat(1024 * 1024) });
    expect((await push(big)).status).toBe(413);
    expect(orderOf('P-3')).toBeNull();
    // Pushed again, the same order is updated, not doubled.
    expect((await push({ orders: [{ ...record('P-1'), note: '改地址' }] })).body).toMatchObject({
      written: 1,
    });
    expect(orderOf('P-1')!.note).toBe('改地址');
  });

  it('拦截: a refund pushed while its box is open turns the bench red at once and sets the box aside', async () => {
    await push({ orders: [record('P-5')] });
    station.scan('U1001');
    station.scan('P-5');
    expect(station.state().box?.orderNo).toBe('P-5');
    expect((await push({ orders: [record('P-5', 'refunded')] })).status).toBe(200);
    // Written and told in the push's own turn: the screen is red before the shop system has its answer.
    expect(station.state()).toMatchObject({
      box: null,
      feedback: { tone: 'wrong', kind: 'box-intercepted', params: { orderNo: 'P-5', reason: 'refunded' } },
    });
    expect(orderOf('P-5')!.status).toBe('cancelled');
    expect(station.scan('P-5')).toMatchObject({ kind: 'order-held' });
  });

  it('labelled but not handed over: the waybill is voided and the lead told to shelve the box; handed over: call the carrier', async () => {
    const pack = (orderNo: string, codes: string[], grams: number) =>
      packAndClose(station, orderNo, codes, grams);
    const shelved = await pack('SO202611290001', ['BOX-S', '6900012345004', '6900012345004'], 703);
    const gone = await pack('SO202611290008', ['BOX-S', '6900012345141'], 492);
    station.handovers.open('pool', '张伟');
    station.show({ page: 'handover', dialog: null });
    station.scan(gone);
    const rec = (no: string) => ({ ...record(no, 'cancelled'), holdReason: '买家取消 buyer cancelled' });
    await push({ orders: [rec('SO202611290001'), rec('SO202611290008')] });
    await waitFor(
      () =>
        station.store.db.prepare("SELECT count(*) FROM mismatches WHERE type = 'intercept'").pluck().get() ===
        2,
      5000,
      'both intercepts noted',
    );
    expect(
      station.store.db
        .prepare(
          "SELECT order_no, code, expected, actual FROM mismatches WHERE type = 'intercept' ORDER BY order_no",
        )
        .all(),
    ).toEqual([
      {
        order_no: 'SO202611290001',
        code: shelved,
        expected: 'not shipped (买家取消 buyer cancelled)',
        actual: 'waybill voided: to the intercept shelf',
      },
      {
        order_no: 'SO202611290008',
        code: gone,
        expected: 'not shipped (买家取消 buyer cancelled)',
        actual: 'intercept after handover: call the carrier',
      },
    ]);
    expect(station.repos.shipments.byWaybill(shelved)).toBeNull(); // cancelled, no longer loadable
  });
});
