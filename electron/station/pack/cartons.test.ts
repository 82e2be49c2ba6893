import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT, type ConfigInput } from '../../config';
import { silentLog } from '../../log';
import { tempDir } from '../../testing';
import { Station } from '..';

// Demo order SO202611290002: 1 × mug (350 g) + 2 × T-shirt (210 g); BOX-S weighs 140 g.
const MUG = '6900012345141';
const SHIRT = '6900012345493';
const ORDER = 'SO202611290002';

let dir: string;
let cleanup: () => void;
let station: Station;

const open = (extra: Partial<ConfigInput> = {}) =>
  new Station({
    loaded: {
      config: ConfigSchema.parse({
        ...EMBEDDED_DEFAULT,
        station: { id: 'W-1' },
        printers: {
          label: { uri: `file:${dir}/labels/`, language: 'zpl' },
          slip: { uri: `file:${dir}/slips/`, language: 'escpos' },
        },
        ...extra,
      }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 't',
    log: silentLog,
  });

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  station = open();
});
afterEach(async () => {
  await station?.close();
  cleanup();
});

/** A fresh placement: the scale goes to zero, then the carton is put on. */
const place = (grams: number) => {
  station.scale.setWeight!(0);
  station.scale.setWeight!(grams);
};

/** Carton 1: the mug, sealed and weighed (350 + 140 = 490 g). */
function firstCarton() {
  station.scan('U1001');
  station.scan(ORDER);
  station.scan(MUG);
  expect(station.scan('PB:NEWBOX')).toMatchObject({ kind: 'carton-sealed', params: { carton: 1, next: 2 } });
  station.scan('BOX-S');
  place(495);
  expect(station.state().feedback).toMatchObject({
    kind: 'carton-weight-ok',
    params: { carton: 1, next: 2 },
  });
}

describe('one order in several cartons', () => {
  it('packs, weighs each carton on its own, books once with a number per carton and closes on the last label', async () => {
    await station.close();
    // A ship notice endpoint nobody answers: the notice waits in the outbox, where its payload is read.
    station = open({ notify: { url: 'http://127.0.0.1:9/notices', secret: 's3cret-s3cret' } });
    firstCarton();
    let box = station.state().box!;
    expect(box).toMatchObject({ carton: 2, verification: 'open', canNewCarton: false });
    expect(box.cartons.map((c) => [c.no, c.state, c.grams, c.items.map((i) => `${i.sku}×${i.qty}`)])).toEqual(
      [
        [1, 'weighed', 495, ['CUP-CER-01×1']],
        [2, 'packing', null, []],
      ],
    );
    // The second carton starts empty: its own box type, its own expected weight (2 × 210 + 140 = 560 g).
    expect(station.scan('PB:NEWBOX')).toMatchObject({ kind: 'carton-empty' });
    station.scan(SHIRT);
    station.scan(SHIRT);
    station.scan('BOX-S');
    expect(station.state().box!.weight).toMatchObject({ expectedG: 560 });
    place(565);
    await vi.waitFor(() => expect(station.state().phase).toBe('labelling'), { timeout: 5000 });
    box = station.state().box!;
    const numbers = box.cartons.map((c) => c.waybillNo!);
    expect(numbers).toHaveLength(2);
    expect(new Set(numbers).size).toBe(2);
    expect(box.shipment!.waybillNo).toBe(numbers[0]);
    // One booking for both cartons, weights per carton; a face sheet for each carton.
    const shipment = station.store.db.prepare('SELECT id, request, weight_g FROM shipments').all() as {
      id: number;
      request: string;
      weight_g: number;
    }[];
    expect(shipment).toHaveLength(1);
    expect(
      (JSON.parse(shipment[0]!.request) as { parcels: { weightG: number }[] }).parcels.map((p) => p.weightG),
    ).toEqual([495, 565]);
    expect(shipment[0]!.weight_g).toBe(1060);
    expect(station.repos.shipments.parcelsOf(shipment[0]!.id)).toEqual([
      { carton: 1, waybillNo: numbers[0], weightG: 495 },
      { carton: 2, waybillNo: numbers[1], weightG: 565 },
    ]);
    const labels = station.store.db
      .prepare("SELECT waybill_no, payload FROM print_jobs WHERE kind = 'label' ORDER BY id")
      .all() as { waybill_no: string; payload: Buffer }[];
    expect(labels.map((l) => l.waybill_no)).toEqual(numbers);
    // A packing slip per carton, with what is in that carton (ESC/POS: the numbers and quantities are ASCII).
    const slips = (
      station.store.db
        .prepare("SELECT waybill_no, payload FROM print_jobs WHERE kind = 'slip' ORDER BY id")
        .all() as {
        waybill_no: string;
        payload: Buffer;
      }[]
    ).map((j) => ({ waybill: j.waybill_no, text: j.payload.toString('latin1') }));
    expect(slips.map((j) => j.waybill)).toEqual(numbers);
    expect(slips[0]!.text).toContain('1/2');
    expect(slips[0]!.text).toContain('x1');
    expect(slips[0]!.text).not.toContain('x2');
    expect(slips[1]!.text).toContain('2/2');
    expect(slips[1]!.text).toContain('x2');
    expect(slips[1]!.text).not.toContain('x1');
    // A lead reprints one carton's label by its number, with a reason.
    station.reprint('label-damaged', numbers[1]);
    expect(
      station.store.db
        .prepare("SELECT waybill_no, reason FROM print_jobs WHERE kind = 'label' AND reprint_of IS NOT NULL")
        .all(),
    ).toEqual([{ waybill_no: numbers[1], reason: 'label-damaged' }]);
    // Each carton's label is closed by its own scan; the same carton twice is a mismatch.
    expect(station.scan(numbers[1]!)).toMatchObject({
      kind: 'carton-label-ok',
      params: { carton: 2, of: 2, left: 1 },
    });
    expect(station.scan(numbers[1]!)).toMatchObject({
      tone: 'wrong',
      kind: 'label-twice',
      params: { carton: 2 },
    });
    expect(station.scan('SOMETHING-ELSE')).toMatchObject({ tone: 'wrong', kind: 'label-mismatch' });
    expect(station.state().box).not.toBeNull();
    expect(station.scan(numbers[0]!)).toMatchObject({ kind: 'box-closed' });
    expect(station.state().box).toBeNull();
    expect(
      station.store.db.prepare("SELECT count(*) FROM mismatches WHERE type = 'label-mismatch'").pluck().get(),
    ).toBe(2);
    expect(station.repos.orders.findByCode(ORDER)!.order.status).toBe('packed');
    const notice = JSON.parse(
      station.store.db
        .prepare("SELECT payload FROM outbox WHERE kind = 'ship-notice'")
        .pluck()
        .get() as string,
    ) as Record<string, unknown>;
    expect(notice).toMatchObject({
      orderNo: ORDER,
      waybillNo: numbers[0],
      weightGrams: 1060,
      parcels: [
        { carton: 1, waybillNo: numbers[0], weightGrams: 495 },
        { carton: 2, waybillNo: numbers[1], weightGrams: 565 },
      ],
    });
  });

  it('refuses what does not make a carton: nothing in it, everything already in, items into a sealed one', () => {
    station.scan('U1001');
    station.scan(ORDER);
    expect(station.scan('PB:NEWBOX')).toMatchObject({ kind: 'carton-empty' });
    station.scan(MUG);
    station.scan('PB:NEWBOX');
    expect(station.scan(SHIRT)).toMatchObject({
      tone: 'warn',
      kind: 'carton-waiting-weight',
      params: { carton: 1 },
    });
    expect(station.scan('PB:UNDO')).toMatchObject({ kind: 'nothing-to-undo' });
    expect(station.state().phase).toBe('weighing');
    station.scan('BOX-S');
    place(495);
    station.scan(SHIRT);
    // Undo reaches into the open carton only.
    expect(station.scan('PB:UNDO')).toMatchObject({ kind: 'undone' });
    expect(station.scan('PB:UNDO')).toMatchObject({ kind: 'nothing-to-undo' });
    station.scan(SHIRT);
    station.scan(SHIRT);
    expect(station.scan('PB:NEWBOX')).toMatchObject({ kind: 'carton-all-in' });
  });

  it('a carton out of tolerance waits for a re-weigh or a lead, like a box', () => {
    station.scan('U1001');
    station.scan(ORDER);
    station.scan(MUG);
    station.scan('PB:NEWBOX');
    station.scan('BOX-S');
    place(900);
    expect(station.state()).toMatchObject({ phase: 'weighing', feedback: { kind: 'weight-over' } });
    expect(station.pack.override('李娜', 'scale-drift', null)).toMatchObject({ kind: 'weight-approved' });
    expect(station.state().box).toMatchObject({ carton: 2, verification: 'open' });
    expect(station.state().phase).toBe('verifying');
  });

  it('a bench restarted between cartons resumes the order where it was', async () => {
    firstCarton();
    station.scan(SHIRT);
    await station.close();
    station = open();
    const box = station.state().box!;
    expect(box).toMatchObject({ orderNo: ORDER, carton: 2 });
    expect(box.cartons.map((c) => [c.no, c.state, c.items.length])).toEqual([
      [1, 'weighed', 1],
      [2, 'packing', 1],
    ]);
  });
});
