import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresMissing, startPostgres, type PgCluster } from '../../testing/postgres';
import { Warehouse, warehouseMigrations } from '.';
import type { EventUp } from '../repos';

// The shared dock on a real PostgreSQL: shipments projected from the benches' events, a box on one batch however many
// docks scan it at once, the daily counts, and a warehouse migrated with events already in it.
const missing = postgresMissing();
if (missing) console.log(`warehouse dock tests skipped: ${missing}`);

let cluster: PgCluster;
let a: Warehouse;
let b: Warehouse;

beforeAll(async () => {
  if (missing) return;
  cluster = await startPostgres();
  const url = cluster.createDatabase('dock');
  a = new Warehouse({ url });
  b = new Warehouse({ url });
  await a.migrate();
}, 60_000);
afterAll(async () => {
  if (missing) return;
  await Promise.all([a.close(), b.close()]);
  cluster.stop();
});

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 2, 0, s)).toISOString();

/** The events of one box, as a bench pushes them: opened, booked, closed (or not yet). */
function box(
  session: string,
  orderNo: string,
  waybill: string,
  o: { closed?: boolean; carrier?: string } = {},
) {
  const ev = (seq: number, type: string, payload: object): EventUp => ({
    sessionId: session,
    seq,
    type,
    payload: JSON.stringify(payload),
    at: at(seq),
    packer: '张伟',
  });
  return [
    ev(1, 'box.opened', { order: { orderNo } }),
    ev(2, 'box.booking', { shipmentId: 7, carrier: o.carrier ?? 'zto' }),
    ev(3, 'box.booked', { shipmentId: 7, carrier: o.carrier ?? 'zto', waybillNo: waybill }),
    ...(o.closed === false
      ? []
      : [ev(4, 'box.closed', { waybillNo: waybill, weightG: 700, partial: false })]),
  ];
}

describe.skipIf(missing)('the shared dock', () => {
  it('a box packed at one bench is loaded at another; open, not closed and other-carrier boxes are refused', async () => {
    await a.push('B-01', box('S-A1', 'D-1', 'ZT001'), []);
    await a.push('B-01', box('S-A2', 'D-2', 'ZT002', { closed: false }), []);
    await a.push('B-01', box('S-A3', 'D-3', 'YT003', { carrier: 'yto' }), []);
    expect(await b.dock.shelf()).toEqual([
      { carrier: 'yto', bench: 'B-01', boxes: 1, oldest: at(4) },
      { carrier: 'zto', bench: 'B-01', boxes: 1, oldest: at(4) },
    ]);
    expect(await b.dock.find('ZT001')).toEqual({
      carrier: 'zto',
      carton: 1,
      cartons: 1,
      orderNo: 'D-1',
      bench: 'B-01',
      closed: true,
      batchId: null,
    });
    expect(await b.dock.find('ZT002')).toMatchObject({ closed: false });
    const batch = await b.dock.open('zto', 'B-02', '李主管');
    expect(await b.dock.openAt('B-02')).toEqual({ id: batch, carrier: 'zto' });
    expect(await b.dock.load(batch, 'ZT001', 'B-02')).toBeNull();
    expect(await b.dock.load(batch, 'ZT001', 'B-02')).toBe(batch);
    expect(await b.dock.lines(batch)).toMatchObject([
      { waybillNo: 'ZT001', orderNo: 'D-1', weightG: 700, bench: 'B-01' },
    ]);
    expect((await b.dock.shelf()).map((s) => s.carrier)).toEqual(['yto']);
    // One batch being loaded per bench, in the database too.
    await expect(b.dock.open('yto', 'B-02', null)).rejects.toThrow(/handovers_open_at_bench/);
    const closedAt = await b.dock.close(batch, '李主管');
    const day = closedAt.toISOString().slice(0, 10);
    expect(await a.dock.daily(day, day)).toEqual([
      { day, carrier: 'zto', boxes: 1, orders: 1, weightG: 700 },
    ]);
    expect(await a.dock.boxesOn('2026-11-30')).toEqual(new Map([['B-01', 2]]));
  });

  it('an order in two cartons: a row per carton, each loaded by its own scan; the batch names the carton missing', async () => {
    // Both cartons' numbers came from the bench's lease of the pool: both are used, never leased again.
    await a.importPool('sf', ['SFM1', 'SFC2', 'SFX3']);
    expect(await a.lease('B-05', 'sf', 3)).toEqual(['SFC2', 'SFM1', 'SFX3']);
    const ev = (seq: number, type: string, payload: object): EventUp => ({
      sessionId: 'S-M1',
      seq,
      type,
      payload: JSON.stringify(payload),
      at: at(seq),
      packer: '张伟',
    });
    await a.push(
      'B-05',
      [
        ev(1, 'box.opened', { order: { orderNo: 'M-1' } }),
        ev(2, 'box.booking', { shipmentId: 9, carrier: 'sf' }),
        ev(3, 'box.booked', {
          shipmentId: 9,
          carrier: 'sf',
          waybillNo: 'SFM1',
          parcels: [
            { carton: 1, waybillNo: 'SFM1', weightG: 495 },
            { carton: 2, waybillNo: 'SFC2', weightG: 565 },
          ],
        }),
        ev(4, 'label.scanned', { carton: 2, waybillNo: 'SFC2' }),
        ev(5, 'box.closed', { waybillNo: 'SFM1', weightG: 1060, partial: false }),
      ],
      [],
    );
    const pool = await a.pool.query(
      "SELECT waybill_no, status FROM waybill_pool WHERE carrier = 'sf' ORDER BY 1",
    );
    expect(pool.rows).toEqual([
      { waybill_no: 'SFC2', status: 'used' },
      { waybill_no: 'SFM1', status: 'used' },
      { waybill_no: 'SFX3', status: 'leased' },
    ]);
    expect(await b.dock.find('SFC2')).toMatchObject({ orderNo: 'M-1', carton: 2, cartons: 2, closed: true });
    expect((await b.dock.shelf()).find((r) => r.bench === 'B-05')).toMatchObject({ carrier: 'sf', boxes: 2 });
    const batch = await b.dock.open('sf', 'B-09', null);
    expect(await b.dock.load(batch, 'SFC2', 'B-09')).toBeNull();
    expect(await b.dock.missing(batch)).toEqual([
      { orderNo: 'M-1', carton: 1, cartons: 2, waybillNo: 'SFM1' },
    ]);
    expect(await b.dock.load(batch, 'SFM1', 'B-09')).toBeNull();
    expect(await b.dock.missing(batch)).toEqual([]);
    expect((await b.dock.lines(batch)).map((l) => [l.waybillNo, l.carton, l.cartons, l.weightG])).toEqual([
      ['SFC2', 2, 2, 565],
      ['SFM1', 1, 2, 495],
    ]);
    const closedAt = await b.dock.close(batch, null);
    const day = closedAt.toISOString().slice(0, 10);
    expect((await b.dock.daily(day, day)).find((d) => d.carrier === 'sf')).toEqual({
      day,
      carrier: 'sf',
      boxes: 2,
      orders: 1,
      weightG: 1060,
    });
    const counts = await a.pool.query(
      "SELECT boxes, orders, weight_g FROM daily_counts WHERE bench_id = 'B-05'",
    );
    expect(counts.rows).toEqual([{ boxes: 2, orders: 1, weight_g: '1060' }]);
  });

  it('two docks scanning the same box at the same moment: it goes on one batch, 200 times in a row', async () => {
    const n = 200;
    for (let i = 0; i < n; i++) await a.push('B-01', box(`S-R${i}`, `R-${i}`, `ZR${i}`), []);
    const [ba, bb] = [await a.dock.open('zto', 'B-07', null), await b.dock.open('zto', 'B-08', null)];
    let onA = 0;
    for (let i = 0; i < n; i++) {
      const [ra, rb] = await Promise.all([
        a.dock.load(ba, `ZR${i}`, 'B-07'),
        b.dock.load(bb, `ZR${i}`, 'B-08'),
      ]);
      // Exactly one is loaded (null); the other is told the winner's batch.
      expect([ra, rb].filter((r) => r === null)).toHaveLength(1);
      if (ra === null) onA++;
      expect(ra ?? rb).toBe(ra === null ? ba : bb);
    }
    const lines = (await a.dock.lines(ba)).length + (await b.dock.lines(bb)).length;
    expect(lines).toBe(n);
    expect(onA).toBe((await a.dock.lines(ba)).length);
  });

  it('one waybill on two boxes at two benches is raised to the lead; a cancelled booking leaves the shelf', async () => {
    await a.push('B-01', box('S-W1', 'W-1', 'ZW1'), []);
    await b.push('B-02', box('S-W2', 'W-2', 'ZW1'), []);
    const m = await a.pool.query(
      "SELECT bench_id, type, order_no, code, expected FROM mismatches WHERE type = 'waybill-duplicate'",
    );
    expect(m.rows).toEqual([
      { bench_id: 'B-02', type: 'waybill-duplicate', order_no: 'W-2', code: 'ZW1', expected: 'B-01 W-1' },
    ]);
    await a.push('B-03', box('S-C1', 'C-1', 'ZC1', { closed: false }), []);
    await a.push(
      'B-03',
      [
        {
          sessionId: 'S-C1',
          seq: 4,
          type: 'box.bookingCancelled',
          payload: JSON.stringify({
            shipmentId: 7,
            carrier: 'zto',
            waybillNo: 'ZC1',
            lead: 'x',
            reason: 'y',
          }),
          at: at(5),
          packer: null,
        },
      ],
      [],
    );
    expect(await a.dock.find('ZC1')).toBeNull();
  });

  it('a warehouse with events from before the dock: migrating projects its shipments and counts', async () => {
    const url = cluster.createDatabase('older');
    const w = new Warehouse({ url });
    try {
      await w.migrate(warehouseMigrations.filter((m) => m.version < 90));
      // As a bench of the version before wrote them: events and the sessions' orders, no shipments.
      const old: [string, EventUp][] = [
        ...box('S-O1', 'O-1', 'ZO1').map((e) => ['O-1', e] as [string, EventUp]),
        ...box('S-O2', 'O-2', 'ZO2', { closed: false }).map((e) => ['O-2', e] as [string, EventUp]),
        ...[
          { seq: 1, type: 'box.opened', payload: '{"order":{"orderNo":"O-3"}}' },
          { seq: 2, type: 'box.booking', payload: '{"shipmentId":9,"carrier":"sf"}' },
          {
            seq: 3,
            type: 'box.waybillEntered',
            payload: '{"shipmentId":9,"waybillNo":"SF9","lead":"李","reason":"x"}',
          },
        ].map((e) => ['O-3', { ...e, sessionId: 'S-O3', at: at(e.seq), packer: null }] as [string, EventUp]),
      ];
      for (const [orderNo, e] of old) {
        await w.pool.query(
          'INSERT INTO events (bench_id, session_id, seq, type, payload, at, packer) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          ['B-01', e.sessionId, e.seq, e.type, e.payload, e.at, e.packer],
        );
        await w.pool.query(
          'INSERT INTO bench_sessions (session_id, bench_id, order_no) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [e.sessionId, 'B-01', orderNo],
        );
      }
      expect(await w.migrate()).toEqual({ from: 80, to: 130 });
      expect(await w.dock.find('ZO1')).toMatchObject({ orderNo: 'O-1', closed: true });
      expect(await w.dock.find('ZO2')).toMatchObject({ orderNo: 'O-2', closed: false });
      expect(await w.dock.find('SF9')).toMatchObject({ carrier: 'sf', orderNo: 'O-3' });
      expect(await w.dock.boxesOn('2026-11-30')).toEqual(new Map([['B-01', 1]]));
    } finally {
      await w.close();
    }
  });
});
