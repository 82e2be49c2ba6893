import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT, type ConfigInput } from '../../config';
import { importFile } from '../../intake';
import { silentLog } from '../../log';
import { tempDir } from '../../testing';
import { Station } from '..';

// Products of these tests only (the demo bench's orders never name them).
const CAP = '6901000000017';
const CAP_CASE = '6901000000024'; // a case of 6 caps
const MUG = '6901000000031';
const PRODUCTS = `sku,name,barcodes,unit_weight_g,case_barcodes
CAP-X,棒球帽,${CAP},120,${CAP_CASE}*6
MUG-X,马克杯,${MUG},350,
`;
// Times in the bench's own zone; S-2 and S-1 share a time, S-2's ship-by is due, so it goes first.
const ORDERS = `order_no,shop,sku,qty,ordered_at,ship_by,status,pick_list
S-3,店,CAP-X,1,2026-11-29 09:00:00,,,
S-1,店,CAP-X,1,2026-11-29 08:00:00,2026-12-31 18:00:00,,
S-2,店,CAP-X,1,2026-11-29 08:00:00,2026-11-29 12:00:00,,
E-0,店,CAP-X,1,2026-11-28 07:00:00,,待客审,
T-2,店,CAP-X,2,2026-11-28 07:00:00,,,
M-1,店,CAP-X,1,2026-11-28 07:00:00,,,
M-1,店,MUG-X,1,2026-11-28 07:00:00,,,
W-1,店,MUG-X,1,2026-11-30 10:00:00,,,PL-9
W-2,店,MUG-X,1,2026-11-29 10:00:00,,,
`;

let dir: string;
let cleanup: () => void;
let station: Station;

const open = (extra: Partial<ConfigInput> = {}) =>
  new Station({
    loaded: {
      config: ConfigSchema.parse({ ...EMBEDDED_DEFAULT, station: { id: 'IF-1' }, ...extra }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 't',
    log: silentLog,
  });

async function withOrders(s: Station): Promise<void> {
  const now = new Date();
  for (const [kind, text] of [
    ['products', PRODUCTS],
    ['orders', ORDERS],
  ] as const)
    expect(await importFile(s.repos, kind, 'f.csv', Buffer.from(text), now)).toMatchObject({
      committed: true,
    });
  s.scan('U1001');
}

/** The order an item scan opened, its box then set aside so the next scan chooses again. */
function fill(code: string): string | null {
  const f = station.scan(code);
  const orderNo = station.state().box?.orderNo ?? null;
  if (orderNo) {
    expect(f).toMatchObject({ kind: 'item-first-opened', params: { orderNo } });
    station.scan('PB:HOLD:other');
  }
  return orderNo;
}

beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await station?.close();
  cleanup();
});

describe('item-first packing (单件扫描)', () => {
  beforeEach(async () => {
    station = open({ pack: { mode: 'item-first' } });
    await withOrders(station);
  });

  it('fills the single-item orders of the SKU earliest first, skipping held, multi-unit and multi-line orders', () => {
    expect(station.state().packing).toEqual({ mode: 'item-first', wave: null });
    expect(fill(CAP)).toBe('S-2');
    expect(fill(CAP)).toBe('S-1');
    expect(fill(CAP)).toBe('S-3');
    const none = station.scan(CAP);
    expect(none).toMatchObject({ tone: 'wrong', kind: 'no-single-order', params: { name: '棒球帽' } });
    expect(station.state().box).toBeNull();
    const logged = station.store.db
      .prepare("SELECT sku, code, packer, station_id, order_no FROM mismatches WHERE type = 'no-order'")
      .all();
    expect(logged).toEqual([{ sku: 'CAP-X', code: CAP, packer: '张伟', station_id: 'IF-1', order_no: '' }]);
    expect(station.repos.mismatches.list({ limit: 5, type: 'no-order' }).total).toBe(1);
  });

  it('opens the box with the item checked, and the box goes on to the scale', () => {
    const f = station.scan(MUG);
    expect(f).toMatchObject({ tone: 'done', kind: 'item-first-opened', params: { orderNo: 'W-2' } });
    expect(station.state()).toMatchObject({
      phase: 'weighing',
      box: { orderNo: 'W-2', verification: 'complete' },
    });
    // A second unit is an over-scan of that box, as in any box.
    expect(station.scan(MUG)).toMatchObject({ kind: 'over-scan' });
  });

  it('takes a GS1 scan of the item by its GTIN, as verification does', () => {
    // ]C1 = GS1-128; AI 01 is the GTIN-14 of the cap's EAN-13, AI 10 its batch.
    expect(station.scan(`]C101${'0' + CAP}10LOT7`)).toMatchObject({
      kind: 'item-first-opened',
      params: { orderNo: 'S-2' },
    });
  });

  it('still opens an order scanned by its number; a case pack never fills a one-unit order', () => {
    expect(station.scan('M-1')).toMatchObject({ kind: 'box-opened', params: { orderNo: 'M-1' } });
    station.scan('PB:HOLD:other');
    expect(station.scan(CAP_CASE)).toMatchObject({ kind: 'no-single-order' });
    expect(station.scan('6909999999999')).toMatchObject({ tone: 'unknown', kind: 'unknown-barcode' });
  });

  it('a pick list with single-item orders names the wave: items fill only its orders', () => {
    expect(station.scan('PL-9')).toMatchObject({ kind: 'wave-set', params: { code: 'PL-9' } });
    expect(station.state().packing).toEqual({ mode: 'item-first', wave: 'PL-9' });
    expect(fill(MUG)).toBe('W-1'); // W-2 is earlier, but not in the wave
    expect(station.scan(MUG)).toMatchObject({ kind: 'no-single-order' });
    // The next packer starts without this one's wave.
    station.scan('PB:LOGOUT');
    station.scan('U1002');
    expect(station.state().packing.wave).toBeNull();
    expect(fill(MUG)).toBe('W-2');
  });

  it('the configured wave filter limits the shop', async () => {
    await station.close();
    station = open({ pack: { mode: 'item-first', itemFirst: { filter: { shop: '另一店' } } } });
    station.scan('U1001');
    expect(station.scan(CAP)).toMatchObject({ kind: 'no-single-order' });
  });
});

describe('switching the packing mode', () => {
  it('PB:MODE:ITEM and PB:MODE:ORDER switch the bench, and the switch outlives a restart', async () => {
    station = open();
    await withOrders(station);
    expect(station.state().packing.mode).toBe('order-first');
    expect(station.scan(CAP)).toMatchObject({ kind: 'order-unknown' });
    expect(station.scan('PB:MODE:ITEM')).toMatchObject({ kind: 'mode-set', params: { mode: 'item-first' } });
    await station.close();
    station = open();
    station.scan('U1001');
    expect(station.state().packing.mode).toBe('item-first');
    expect(fill(CAP)).toBe('S-2');
    expect(station.scan('pb:mode:order')).toMatchObject({
      kind: 'mode-set',
      params: { mode: 'order-first' },
    });
    expect(station.scan(CAP)).toMatchObject({ kind: 'order-unknown' });
  });
});
