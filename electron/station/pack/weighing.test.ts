import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT, type ConfigInput } from '../../config';
import { SCALE_PROTOCOLS, ScaleEmulator } from '../../devices/scale';
import { silentLog } from '../../log';
import { ptyPair, tempDir, waitFor } from '../../testing';
import { Station } from '..';

// Demo order SO202611290002: 1 × mug (350 g) + 2 × T-shirt (210 g) = 770 g of goods.
const MUG = '6900012345141';
const SHIRT = '6900012345493';

let dir: string;
let cleanup: () => void;
let station: Station;

const open = (extra: Partial<ConfigInput> = {}) =>
  new Station({
    loaded: {
      config: ConfigSchema.parse({ ...EMBEDDED_DEFAULT, station: { id: 'W-1' }, ...extra }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 't',
    log: silentLog,
  });

beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await station?.close();
  cleanup();
});

function packOrder(s: Station, orderNo = 'SO202611290002', codes = [MUG, SHIRT, SHIRT]) {
  if (!s.people.packer) s.scan('U1001');
  s.scan(orderNo);
  for (const c of codes) s.scan(c);
  expect(s.state().phase).toBe('weighing');
}
const setWeight = (grams: number) => station.scale.setWeight!(grams);

describe('weighing with the virtual scale', () => {
  beforeEach(() => (station = open()));

  it('in tolerance: the weight is taken once stable and the box moves on to booking', () => {
    packOrder(station);
    station.scan('BOX-S'); // tare 140 g → expected 910 g
    expect(station.state().box!.weight).toMatchObject({ expectedG: 910, toleranceG: 50, verdict: null });
    setWeight(925);
    expect(station.state()).toMatchObject({
      phase: 'booking',
      feedback: { kind: 'weight-ok', tone: 'done' },
    });
    expect(station.state().box!.weight).toMatchObject({ grams: 925, differenceG: 15, verdict: 'ok' });
    expect(station.store.db.prepare('SELECT sku_set, grams FROM box_weights').get()).toEqual({
      sku_set: 'CUP-CER-01*1;TSH-BLK-M*2',
      grams: 925,
    });
  });

  it('out of tolerance blocks and is logged with expected, actual, difference and tolerance; re-weigh by lifting', () => {
    packOrder(station);
    station.scan('BOX-S');
    setWeight(1200);
    expect(station.state()).toMatchObject({
      phase: 'weighing',
      feedback: { kind: 'weight-over', tone: 'wrong', params: { diff: 290 } },
    });
    const m = station.store.db
      .prepare("SELECT expected, actual, packer FROM mismatches WHERE type = 'weight'")
      .get();
    expect(m).toEqual({ expected: '910 g ± 50 g', actual: '1200 g (+290 g)', packer: '张伟' });
    // The same placement is not taken again, even if the scale keeps reporting it.
    setWeight(1201);
    expect(station.state().box!.weight.grams).toBe(1200);
    setWeight(0); // lifted: the forgotten item goes out
    setWeight(905);
    expect(station.state()).toMatchObject({
      phase: 'booking',
      box: { weight: { verdict: 'ok', grams: 905 } },
    });
  });

  it('a lead approves a weight out of tolerance with PIN and reason', async () => {
    packOrder(station);
    setWeight(300);
    expect(station.state().box!.weight.verdict).toBe('under');
    expect(
      await station.call('override.approve', { lead: '李主管', pin: '2468', reasonCode: 'data-error' }),
    ).toMatchObject({ ok: true, result: { kind: 'weight-approved' } });
    expect(station.state().phase).toBe('booking');
    expect(
      station.store.db.prepare("SELECT actual, resolved_by FROM mismatches WHERE type = 'override'").get(),
    ).toEqual({ actual: 'weight approved by a lead', resolved_by: '李主管' });
  });

  it('the previous box’s weight is never reused; the next box is read once it is placed', () => {
    packOrder(station);
    station.scan('BOX-S');
    setWeight(910);
    expect(station.state().phase).toBe('booking');
    station.scan('PB:HOLD:other'); // box A set aside (still on the scale)
    packOrder(station, 'SO202611290001', ['6900012345004', '6900012345004']); // 2 × tea 280 g
    station.scan('BOX-S'); // expected 700 g
    // Box A was never lifted: its 910 g must not be taken for box B.
    expect(station.state().phase).toBe('weighing');
    expect(station.state().box!.weight.verdict).toBeNull();
    setWeight(0);
    setWeight(705);
    expect(station.state()).toMatchObject({
      phase: 'booking',
      box: { orderNo: 'SO202611290001', weight: { grams: 705, verdict: 'ok' } },
    });
  });

  it('a box already on the scale while the last item goes in is weighed by the next reading', async () => {
    station.scan('U1001');
    station.scan('SO202611290002');
    station.scan('BOX-S');
    station.scan(MUG);
    setWeight(700); // packing on the scale
    station.scan(SHIRT);
    expect(station.state().box!.weight.verdict).toBeNull();
    setWeight(911);
    station.scan(SHIRT);
    // The reading from before the last item is not this box's weight; the scale's next one (it repeats) is.
    expect(station.state().box!.weight.verdict).toBeNull();
    await vi.waitFor(
      () => expect(station.state()).toMatchObject({ box: { weight: { grams: 911, verdict: 'ok' } } }),
      { timeout: 5000 },
    );
  });

  it('an item scanned into a complete box is an over-scan, logged, while it waits for the scale or the carrier', () => {
    packOrder(station);
    expect(station.scan(MUG)).toMatchObject({ tone: 'over', kind: 'over-scan' });
    expect(station.state().phase).toBe('weighing');
    setWeight(925);
    expect(station.scan(SHIRT)).toMatchObject({ tone: 'over', kind: 'over-scan' });
    expect(
      station.store.db
        .prepare("SELECT sku FROM mismatches WHERE type = 'over-scan' ORDER BY id")
        .pluck()
        .all(),
    ).toEqual(['CUP-CER-01', 'TSH-BLK-M']);
  });

  it('without a chosen box, the smallest box that fits is suggested and its tare used', () => {
    packOrder(station);
    const box = station.state().box!;
    expect(box.package).toBeNull();
    // The mug is 290 mm long: the bag (250), XS (180) and S (250) are too short; M is the smallest that takes it.
    expect(box.suggestedPackage).toEqual({ code: 'BOX-M', name: '纸箱 M' });
    const items = station
      .state()
      .box!.lines.reduce((g, l) => g + l.required * (l.sku === 'CUP-CER-01' ? 350 : 210), 0);
    expect(box.weight.expectedG - items).toBe(220); // BOX-M's tare
  });

  it('a SKU without unit weight makes the check say so, and a lead must approve', () => {
    station.scan('U1001');
    station.store.db.prepare("UPDATE products SET unit_weight_g = NULL WHERE sku = 'TSH-BLK-M'").run();
    station.scan('SO202611290002');
    for (const c of [MUG, SHIRT, SHIRT]) station.scan(c);
    setWeight(900);
    expect(station.state()).toMatchObject({
      phase: 'weighing',
      feedback: { kind: 'weight-unknown', params: { skus: 'TSH-BLK-M' } },
    });
  });
});

describe('learned weight check', () => {
  it('warns when a box in tolerance is far from earlier boxes with the same items', () => {
    station = open({ weight: { toleranceGrams: 300 } });
    const skuSet = 'CUP-CER-01*1;TSH-BLK-M*2';
    for (const [i, g] of [905, 910, 912].entries()) {
      station.store.db
        .prepare(
          "INSERT INTO pack_sessions (id, order_id, station_id, status, opened_at) VALUES (?, 1, 'W-1', 'closed', 'x')",
        )
        .run(`old-${i}`);
      station.store.db
        .prepare('INSERT INTO box_weights (session_id, sku_set, grams, at) VALUES (?, ?, ?, ?)')
        .run(`old-${i}`, skuSet, g, `2026-11-2${i}`);
    }
    packOrder(station);
    station.scan('BOX-S');
    setWeight(1150);
    expect(station.state()).toMatchObject({
      phase: 'booking',
      feedback: { kind: 'weight-unusual', tone: 'warn', params: { usual: 909, n: 3 } },
    });
  });
});

describe.each(SCALE_PROTOCOLS)('a pack session weighed through a %s scale on a PTY', (protocol) => {
  it('takes the stable weight and gives the verdict', async () => {
    const pty = await ptyPair(dir, protocol);
    const emulator = new ScaleEmulator({ path: pty.b, protocol, grams: 0, intervalMs: 40 });
    await emulator.start();
    try {
      station = open({ scale: { kind: 'serial', port: pty.a, protocol } });
      await waitFor(
        () => station.devices.list().find((d) => d.id === 'scale')?.state === 'ready',
        5000,
        'scale ready',
      );
      packOrder(station);
      station.scan('BOX-S');
      emulator.set({ grams: 918 }, 200);
      await waitFor(() => ['booking', 'labelling'].includes(station.state().phase), 8000, 'weighed');
      expect(station.state().box!.weight).toMatchObject({ grams: 918, verdict: 'ok' });
    } finally {
      await station.close();
      await emulator.close();
      await pty.unplug();
    }
  });
});
