import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { tempDir } from '../testing';
import { KdniaoAdapter, PoolAdapter, SfAdapter, ShipEngineAdapter, type ShipmentRequest } from './index';
import { startKdniaoFake, startSfFake, startShipEngineFake, type FakeServer } from './fakes';

/** One order in several cartons (一单多包 / 子母件): one booking, a number per carton, against the carriers' fakes. */
const req = (key: string, cartons = 2): ShipmentRequest => ({
  carrier: 'x',
  shipper: {
    name: 'Packbench 仓',
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
  parcels: Array.from({ length: cartons }, (_, i) => ({
    weightG: 1000 + i,
    dimsMm: [300, 200, 100] as [number, number, number],
    items: [{ name: `件 ${i + 1}`, qty: 1 }],
  })),
  options: {},
  reference: 'SO-1',
  idempotencyKey: key,
});

let fakes: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

/** A KDNiao fake and an adapter on it for one carrier code (extra settings, its timeout). */
async function kdniao(shipperCode = 'ZTO', extra: { subWaybills?: boolean } = {}, timeoutMs = 2000) {
  const fake = await startKdniaoFake('1234567', 'test-appkey');
  fakes.push(fake);
  const kd = new KdniaoAdapter(
    {
      baseUrl: `${fake.url}/api/EOrderService`,
      eBusinessId: '1234567',
      appKey: 'test-appkey',
      shipperCode,
      ...extra,
    },
    timeoutMs,
  );
  return { fake, kd };
}

const numbersOf = (o: Awaited<ReturnType<SfAdapter['book']>>) =>
  o.kind === 'booked' ? [o.details.waybillNo, ...(o.details.parcels ?? []).map((p) => p.waybillNo)] : o;

describe('several parcels in one booking', () => {
  it('SF: parcelQty 2 answers a master (母单) and a child (子单); the search finds both again', async () => {
    const fake = await startSfFake('P1', 'CW');
    fakes.push(fake);
    const sf = new SfAdapter({ baseUrl: `${fake.url}/std/service`, partnerId: 'P1', checkWord: 'CW' }, 2000);
    const booked = await sf.book(req('S1-1'));
    const [master, ...parcels] = numbersOf(booked) as string[];
    const held = fake.orders.get('S1-1')!;
    expect(parcels).toEqual([held.waybillNo, held.children[0]]);
    expect(master).toBe(held.waybillNo);
    expect(held.children).toHaveLength(1);
    // The same orderId again (a lost answer): 8016, then the search answers the same master and child.
    expect(numbersOf(await sf.book(req('S1-1')))).toEqual(numbersOf(booked));
    expect(numbersOf(await sf.recover(req('S1-1')))).toEqual(numbersOf(booked));
    expect(fake.orders.size).toBe(1);
    // One parcel: no parcel list, as before.
    expect(await sf.book(req('S2-1', 1))).not.toHaveProperty('details.parcels');
  });

  it('KDNiao: a carrier with sub-waybills books once with a package count; another books each carton under its own key', async () => {
    const fake = await startKdniaoFake('1234567', 'test-appkey');
    fakes.push(fake);
    const kd = (shipperCode: string) =>
      new KdniaoAdapter(
        {
          baseUrl: `${fake.url}/api/EOrderService`,
          eBusinessId: '1234567',
          appKey: 'test-appkey',
          shipperCode,
        },
        2000,
      );
    const sub = await kd('SF').book(req('K1-1', 3));
    expect(fake.bookings.map((b) => b.OrderCode)).toEqual(['K1-1']);
    expect(numbersOf(sub)).toEqual([
      fake.orders.get('K1-1')!.LogisticCode,
      fake.orders.get('K1-1')!.LogisticCode,
      ...fake.orders.get('K1-1')!.SubOrders,
    ]);
    // 106 for a repeat still gives every parcel its number.
    expect(numbersOf(await kd('SF').recover(req('K1-1', 3)))).toEqual(numbersOf(sub));

    const each = await kd('ZTO').book(req('K2-1', 2));
    expect(fake.bookings.slice(1).map((b) => b.OrderCode)).toEqual(['K2-1-C1', 'K2-1-C2']);
    const [master, one, two] = numbersOf(each) as string[];
    expect([one, two]).toEqual([
      fake.orders.get('K2-1-C1')!.LogisticCode,
      fake.orders.get('K2-1-C2')!.LogisticCode,
    ]);
    expect(master).toBe(one);
    // Asking again books nothing new; a cancel cancels every carton's booking.
    expect(numbersOf(await kd('ZTO').recover(req('K2-1', 2)))).toEqual(numbersOf(each));
    expect(fake.bookings).toHaveLength(3);
    expect(await kd('ZTO').cancel(master!, req('K2-1', 2), null, [one!, two!])).toMatchObject({ ok: true });
    expect(fake.cancelled).toEqual(['K2-1-C1', 'K2-1-C2']);
    // A package count for a carrier without sub-waybills (forced by the setting) is refused, as KDNiao does.
    const forced = new KdniaoAdapter(
      {
        baseUrl: `${fake.url}/api/EOrderService`,
        eBusinessId: '1234567',
        appKey: 'test-appkey',
        shipperCode: 'ZTO',
        subWaybills: true,
      },
      2000,
    );
    expect(await forced.book(req('K4-1', 2))).toMatchObject({ kind: 'rejected', code: '102' });
  });

  it('KDNiao: a carton refused after another was booked cancels that one and says which carton', async () => {
    const { fake, kd } = await kdniao();
    const r = req('K5-1', 2);
    // The second carton's goods have no name: the carrier refuses that booking (101).
    const broken: ShipmentRequest = {
      ...r,
      parcels: [r.parcels[0]!, { ...r.parcels[1]!, items: [{ name: '', qty: 1 }] }],
    };
    expect(await kd.book(broken)).toMatchObject({
      kind: 'rejected',
      code: '101',
      message: expect.stringMatching(/^parcel 2 of 2: /),
    });
    expect(fake.bookings.map((b) => b.OrderCode)).toEqual(['K5-1-C1']);
    expect(fake.cancelled).toEqual(['K5-1-C1']);
  });

  it('KDNiao: the second carton booked but its answer lost is unknown; asking again books nothing twice', async () => {
    const { fake, kd } = await kdniao('ZTO', {}, 300);
    let call = 0;
    fake.stallMs = 800;
    fake.nextFault = () => (++call === 2 ? 'stall-after-commit' : 'none');
    expect(await kd.book(req('K6-1', 2))).toMatchObject({ kind: 'unknown' });
    expect(fake.bookings.map((b) => b.OrderCode)).toEqual(['K6-1-C1', 'K6-1-C2']);
    const again = await kd.recover(req('K6-1', 2));
    expect(numbersOf(again)).toEqual([
      fake.bookings[0]!.LogisticCode,
      fake.bookings[0]!.LogisticCode,
      fake.bookings[1]!.LogisticCode,
    ]);
    expect(fake.bookings).toHaveLength(2);
  });

  it('ShipEngine: packages[] answers one tracking number and label per package', async () => {
    const fake = await startShipEngineFake('KEY');
    fakes.push(fake);
    const se = new ShipEngineAdapter(
      { baseUrl: fake.url, apiKey: 'KEY', carrierId: 'se-1', serviceCode: 'x' },
      2000,
    );
    const booked = await se.book(req('E1-1', 2));
    expect(booked.kind).toBe('booked');
    if (booked.kind !== 'booked') return;
    const label = fake.labels.get('E1-1')!;
    expect(booked.details.parcels!.map((p) => p.waybillNo)).toEqual(label.packages);
    expect(booked.details.waybillNo).toBe(label.tracking_number);
    expect(booked.details.parcels!.map((p) => p.label?.data.toString())).toEqual(
      label.packages.map((t) => `^XA^FO50,50^BCN,100,Y,N,N^FD${t}^FS^XZ`),
    );
    expect(numbersOf(await se.recover(req('E1-1', 2)))).toEqual(numbersOf(booked));
  });

  it('the pool: a number per carton, the same ones again for the same key; too few numbers book none', async () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(join(dir, 'b.db'));
    try {
      store.repos.waybillPool.add('zto', ['ZT1', 'ZT2', 'ZT3', 'ZT4'], 'x');
      const pool = new PoolAdapter(store.repos.waybillPool, 'zto', 0);
      expect(numbersOf(await pool.book(req('P1-1', 3)))).toEqual(['ZT1', 'ZT1', 'ZT2', 'ZT3']);
      expect(numbersOf(await pool.recover(req('P1-1', 3)))).toEqual(['ZT1', 'ZT1', 'ZT2', 'ZT3']);
      expect(await pool.book(req('P2-1', 2))).toMatchObject({ kind: 'rejected', code: 'pool-empty' });
      expect(pool.free()).toBe(1);
    } finally {
      store.close();
      cleanup();
    }
  });
});
