import Sqlite from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../config';
import { silentLog } from '../log';
import { tempDir } from '../testing';
import { Station } from './index';

// The demo data (resources/demo) is the fixture: 张伟 U1001/1234 packer, 李主管 L2001/2468 lead.
const TEA = '6900012345004';
const MUG = '6900012345141';
const MUG_ALIAS = '6900099900011';
const SHIRT = '6900012345493';
const LID = '6900012345219';
const GIFT_SET = '6900012346964';
const PHONE = '6900012345981';
const FLYER = '6900012347039';

let dir: string;
let cleanup: () => void;
let station: Station;
const open = (id = 'T-1') =>
  new Station({
    loaded: {
      config: ConfigSchema.parse({ ...EMBEDDED_DEFAULT, station: { id } }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 'test',
    log: silentLog,
    now: () => new Date('2026-11-29T08:00:00Z'),
  });

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  station = open();
});
afterEach(async () => {
  await station.close();
  cleanup();
});

const scan = (code: string) => station.scan(code);
const line = (sku: string) => station.state().box!.lines.find((l) => l.sku === sku)!;
const login = () =>
  expect(scan('U1001')).toMatchObject({ tone: 'ok', kind: 'login', params: { name: '张伟' } });

describe('login', () => {
  it('by badge scan; an unknown badge is refused', () => {
    expect(station.state().phase).toBe('login');
    expect(scan('NOBODY')).toMatchObject({ tone: 'unknown', kind: 'badge-unknown' });
    login();
    expect(station.state()).toMatchObject({ phase: 'idle', packer: { name: '张伟', role: 'packer' } });
  });
  it('by name and PIN (hashed with scrypt)', async () => {
    expect(await station.call('user.login', { name: '张伟', pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    expect(await station.call('user.login', { name: '张伟', pin: '1234' })).toEqual({
      ok: true,
      result: { name: '张伟', role: 'packer' },
    });
    const hash = station.store.db
      .prepare("SELECT pin_hash FROM users WHERE name = '张伟'")
      .pluck()
      .get() as string;
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
  });
});

describe('opening a box', () => {
  beforeEach(login);
  it.each([
    ['order no.', 'SO202611290001', 'order'],
    ['pre-printed waybill no.', 'YT8800000005', 'waybill'],
    ['tote id', 'TOTE-007', 'tote'],
    ['pick-list barcode', 'PL-00002', 'pickList'],
  ])('by %s', (_what, code, via) => {
    expect(scan(code)).toMatchObject({ kind: 'box-opened', params: { via } });
    expect(station.state().phase).toBe('verifying');
  });
  it('an unknown code says so', () => {
    expect(scan('NOPE-1')).toMatchObject({
      tone: 'unknown',
      kind: 'order-unknown',
      params: { code: 'NOPE-1' },
    });
  });
  it('an order on hold shows why and cannot be packed', () => {
    expect(scan('SO202611290019')).toMatchObject({
      tone: 'wrong',
      kind: 'order-held',
      params: { reason: '待客审' },
    });
    expect(station.state().box).toBeNull();
  });
  it('an order already packed shows when and by whom', () => {
    station.store.db
      .prepare(
        "UPDATE orders SET status = 'packed', packed_at = '2026-11-28T09:00:00Z', packed_by = 'Amy Chen' WHERE order_no = 'SO202611290001'",
      )
      .run();
    expect(scan('SO202611290001')).toMatchObject({
      kind: 'order-packed',
      params: { at: '2026-11-28T09:00:00Z', by: 'Amy Chen' },
    });
  });
});

describe('verifying items', () => {
  beforeEach(() => {
    login();
    scan('SO202611290002'); // 1 × mug, 2 × black T-shirt
  });

  it('counts right items (any of a SKU’s barcodes) and completes the box', () => {
    expect(scan(MUG_ALIAS)).toMatchObject({ tone: 'ok', kind: 'item-ok', params: { sku: 'CUP-CER-01' } });
    expect(scan(SHIRT)).toMatchObject({ tone: 'ok' });
    expect(line('TSH-BLK-M').scanned).toBe(1);
    expect(scan(SHIRT)).toMatchObject({ tone: 'done', kind: 'box-verified' });
    expect(station.state()).toMatchObject({ phase: 'weighing', box: { verification: 'complete' } });
  });

  it('logs a wrong item, an over-scan and an unknown barcode as mismatches with who, where and when', async () => {
    expect(scan(TEA)).toMatchObject({
      tone: 'wrong',
      kind: 'wrong-item',
      params: { sku: 'TEA-LJ-250', expected: '陶瓷马克杯, 黑色T恤 M码' },
    });
    scan(MUG);
    expect(scan(MUG)).toMatchObject({ tone: 'over', kind: 'over-scan', params: { required: 1, scanned: 1 } });
    expect(scan('0000000000000')).toMatchObject({ tone: 'unknown', kind: 'unknown-barcode' });
    const list = await station.call('mismatch.list', { limit: 10 });
    expect(list.ok && list.result).toMatchObject({
      total: 3,
      rows: [
        {
          type: 'unknown-barcode',
          actual: '0000000000000',
          orderNo: 'SO202611290002',
          packer: '张伟',
          stationId: 'T-1',
          at: '2026-11-29T08:00:00.000Z',
        },
        { type: 'over-scan', sku: 'CUP-CER-01', expected: '1', actual: '2' },
        { type: 'wrong-item', sku: 'TEA-LJ-250', expected: 'CUP-CER-01, TSH-BLK-M', actual: 'TEA-LJ-250' },
      ],
    });
    expect(line('CUP-CER-01').scanned).toBe(1);
  });

  it('undoes the last accepted scan and logs it', () => {
    scan(SHIRT);
    expect(scan('PB:UNDO')).toMatchObject({ kind: 'undone', params: { sku: 'TSH-BLK-M' } });
    expect(line('TSH-BLK-M').scanned).toBe(0);
    expect(scan('PB:UNDO')).toMatchObject({ kind: 'nothing-to-undo' });
    const types = station.store.db.prepare('SELECT type FROM events ORDER BY seq').pluck().all();
    expect(types).toEqual(['box.opened', 'scan.checked', 'scan.undone']);
  });

  it('a restarted station replays the open session and is exactly where it was', async () => {
    scan(MUG);
    scan(SHIRT);
    scan(TEA);
    const before = station.state().box;
    await station.close();
    station = open();
    expect(station.state()).toMatchObject({ phase: 'verifying', packer: { name: '张伟' } });
    expect(station.state().box).toEqual(before);
  });

  it('hold sets the box aside; a lead releases the order; scanning it resumes the same box', async () => {
    scan(MUG);
    expect(scan('PB:HOLD:damaged')).toMatchObject({ kind: 'box-held' });
    expect(station.state().box).toBeNull();
    expect(scan('SO202611290002')).toMatchObject({
      kind: 'order-held',
      params: { reason: 'box set aside: damaged' },
    });
    expect(
      await station.call('order.release', { orderNo: 'SO202611290002', lead: '张伟', pin: '1234' }),
    ).toMatchObject({ ok: false });
    expect(
      await station.call('order.release', { orderNo: 'SO202611290002', lead: '李主管', pin: '2468' }),
    ).toEqual({ ok: true, result: { ok: true } });
    expect(scan('SO202611290002')).toMatchObject({ kind: 'box-resumed' });
    expect(line('CUP-CER-01').scanned).toBe(1);
  });

  it('partial ship back-orders what is missing, with the reason', () => {
    scan(MUG);
    expect(scan('PB:PARTIAL:short-stock')).toMatchObject({ kind: 'box-partial', params: { missing: 2 } });
    expect(station.state().phase).toBe('weighing');
    expect(station.store.db.prepare('SELECT sku, qty, reason FROM backorders').all()).toEqual([
      { sku: 'TSH-BLK-M', qty: 2, reason: 'short-stock' },
    ]);
  });

  it('a lead override needs a lead PIN and a listed reason', async () => {
    expect(
      await station.call('override.approve', { lead: 'L2001', pin: '1111', reasonCode: 'customer-agreed' }),
    ).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(
      await station.call('override.approve', { lead: 'L2001', pin: '2468', reasonCode: 'because' }),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining('customer-agreed') } });
    const ok = await station.call('override.approve', {
      lead: 'L2001',
      pin: '2468',
      reasonCode: 'customer-agreed',
    });
    expect(ok).toMatchObject({ ok: true, result: { kind: 'override-approved', params: { lead: '李主管' } } });
    const row = station.store.db.prepare("SELECT * FROM mismatches WHERE type = 'override'").get() as Record<
      string,
      string
    >;
    expect(row).toMatchObject({
      resolved_by: '李主管',
      expected: 'CUP-CER-01 ×1, TSH-BLK-M ×2',
      packer: '张伟',
    });
  });
});

describe('kits, serials and inserts', () => {
  beforeEach(() => {
    login();
    scan('SO202611290003'); // 旗舰店: gift set (mug + lid) + phone (serial) + brand flyer insert
  });

  it('a kit is satisfied by its own barcode where allowed, or by its components', () => {
    expect(scan(GIFT_SET)).toMatchObject({ tone: 'ok' });
    expect([line('CUP-CER-01').scanned, line('CUP-LID-01').scanned]).toEqual([1, 1]);
    scan('PB:UNDO');
    scan(MUG);
    scan(LID);
    expect([line('CUP-CER-01').scanned, line('CUP-LID-01').scanned]).toEqual([1, 1]);
  });

  it('a serial-required item takes one serial per unit; a serial already used anywhere is refused', async () => {
    expect(scan(PHONE)).toMatchObject({ tone: 'info', kind: 'serial-needed' });
    expect(station.state().box!.awaitingSerial).toEqual({ sku: 'PHN-X12-128' });
    expect(scan('SN-0001')).toMatchObject({ tone: 'ok' });
    expect(station.state().box!.serials).toEqual([{ sku: 'PHN-X12-128', serial: 'SN-0001' }]);
    // Same serial through GS1 (01 GTIN + 21 serial) in another bench's box is a duplicate.
    await station.close();
    station = open('T-2');
    scan('U1002');
    station.store.db
      .prepare(
        "INSERT INTO order_lines (order_id, line_no, sku, qty) SELECT id, 9, 'PHN-X12-128', 1 FROM orders WHERE order_no = 'SO202611290001'",
      )
      .run();
    scan('SO202611290001');
    expect(scan(`]C101${'0' + PHONE}21SN-0001`)).toMatchObject({
      tone: 'wrong',
      kind: 'serial-duplicate',
      params: { serial: 'SN-0001' },
    });
    expect(scan(`]C101${'0' + PHONE}21SN-0002`)).toMatchObject({ tone: 'ok' });
  });

  it('the insert must be confirmed before the box completes', () => {
    scan(GIFT_SET);
    scan(PHONE);
    scan('SN-0009');
    expect(station.state().phase).toBe('verifying');
    expect(station.state().box!.inserts).toEqual([
      { id: 'brand-flyer', name: '品牌宣传页 brand flyer', barcode: FLYER, confirmed: false },
    ]);
    expect(scan(FLYER)).toMatchObject({ tone: 'done', kind: 'box-verified' });
    expect(station.state().phase).toBe('weighing');
  });

  it('an expired GS1 item is refused', () => {
    expect(scan(`01${'0' + LID}17261101`)).toMatchObject({
      tone: 'wrong',
      kind: 'expired',
      params: { expiry: '2026-11-01' },
    });
  });
});

describe('mismatch review', () => {
  it("the lead's export reads by pages on its own read-only connection: a scan is answered while it runs", async () => {
    const db = station.store.db;
    db.pragma('foreign_keys = OFF');
    const add = db.prepare(
      `INSERT INTO mismatches (session_id, seq, type, order_no, sku, code, expected, actual, packer, station_id, at)
       VALUES (?, 1, 'wrong-item', ?, 'TEA-LJ-250', ?, NULL, NULL, '张伟', 'T-1', ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 7000; i++)
        add.run(`S-${i}`, `SO-${i}`, `C-${i}`, new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString());
    })();
    db.pragma('foreign_keys = ON');
    const order: string[] = [];
    const exporting = station.call('mismatch.export', { format: 'csv' }).then((r) => {
      order.push('export');
      return r as { ok: true; result: { contentBase64: string } };
    });
    // The export has begun: a scan now is answered on the station's connection before the export is done.
    await new Promise((r) => setImmediate(r));
    expect(scan('U1001')).toMatchObject({ kind: 'login' });
    order.push('scan');
    const csv = Buffer.from((await exporting).result.contentBase64, 'base64').toString('utf8');
    expect(order).toEqual(['scan', 'export']);
    // Every row once, newest first, across the pages.
    const codes = csv.split('\r\n').filter((l) => l.includes('"C-'));
    expect(codes).toHaveLength(7000);
    expect(codes[0]).toContain('"C-6999"');
    expect(codes.at(-1)).toContain('"C-0"');
  });

  it('filters by type, SKU, packer and resolved, pages, and a lead resolves with a comment', async () => {
    login();
    scan('SO202611290002');
    scan(TEA);
    scan(TEA);
    scan('0000');
    const list = async (filter: object) =>
      (
        (await station.call('mismatch.list', filter)) as {
          result: { total: number | null; rows: { id: number }[] };
        }
      ).result;
    const first = await list({ type: 'wrong-item', limit: 1 });
    expect(first.total).toBe(2);
    const { at, id: firstId } = first.rows[0] as { at: string; id: number };
    const page = await list({ type: 'wrong-item', limit: 1, after: { at, id: firstId }, count: false });
    expect(page.total).toBeNull();
    expect(page.rows.length).toBe(1);
    expect(page.rows[0]!.id).not.toBe(firstId);
    // The contract refuses the paging it no longer has, and a page both after and before a row.
    expect(await station.call('mismatch.list', { limit: 1, offset: 1 })).toMatchObject({ ok: false });
    expect(
      await station.call('mismatch.list', { after: { at, id: firstId }, before: { at, id: firstId } }),
    ).toMatchObject({ ok: false });
    const bySku = await list({ sku: 'TEA-LJ-250', packer: '张伟', from: '2026-11-29', to: '2026-11-29' });
    expect(bySku.total).toBe(2);
    const id = bySku.rows[0]!.id;
    expect(
      await station.call('mismatch.resolve', { id, comment: 'coached', lead: '李主管', pin: '2468' }),
    ).toEqual({ ok: true, result: { ok: true } });
    expect((await list({ resolved: false })).total).toBe(2);
  });
});

describe('a stored box that cannot be replayed', () => {
  it('is set aside with its reason and the order held for a lead; the bench starts', async () => {
    await station.close(); // one station per database
    const first = open();
    first.scan('U1001');
    first.scan('SO202611290002');
    await first.close();
    const db = new Sqlite(join(dir, 'bench.db'));
    db.prepare('UPDATE events SET payload = \'{"type":"box.opened"}\' WHERE seq = 1').run();
    db.close();
    station = open();
    expect(station.state()).toMatchObject({ box: null });
    expect(
      station.store.db
        .prepare("SELECT status, hold_reason FROM orders WHERE order_no = 'SO202611290002'")
        .get(),
    ).toEqual({
      status: 'held',
      hold_reason: expect.stringMatching(/^box [0-9a-f-]{36} could not be resumed: /),
    });
  });
});
