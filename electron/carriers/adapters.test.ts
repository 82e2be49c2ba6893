import { afterEach, describe, expect, it } from 'vitest';
import { KdniaoAdapter, SfAdapter, ShipEngineAdapter, type ShipmentRequest } from './index';
import { startKdniaoFake, startSfFake, startShipEngineFake, type FakeServer } from './fakes';

const req = (key: string, over: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  carrier: 'x',
  shipper: {
    name: 'Packbench 仓',
    phone: '057188886666',
    province: '浙江省',
    city: '杭州市',
    district: '余杭区',
    address: '文一西路 1500 号',
  },
  // Chinese, spaces, ()!~*' and + — the characters where Java's URLEncoder and encodeURIComponent disagree.
  recipient: {
    name: "O'Neil (陈) 静",
    phone: '13655556666',
    province: '四川省',
    city: '成都市',
    district: '武侯区',
    address: '天府大道 1000 号 A+B 座 ~3! *北*',
  },
  parcels: [{ weightG: 1234, items: [{ name: '西湖龙井 250g', qty: 2 }] }],
  options: {},
  reference: 'SO-1',
  idempotencyKey: key,
  ...over,
});

let fakes: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

describe('KDNiao against its local fake', () => {
  const setup = async (appKey = 'test-appkey', timeoutMs = 2000) => {
    const fake = await startKdniaoFake('1234567', 'test-appkey');
    fakes.push(fake);
    return {
      fake,
      kd: new KdniaoAdapter(
        { baseUrl: `${fake.url}/api/EOrderService`, eBusinessId: '1234567', appKey, shipperCode: 'ZTO' },
        timeoutMs,
      ),
    };
  };

  it('books, and the same OrderCode again answers 106 with the original waybill', async () => {
    const { fake, kd } = await setup();
    const first = await kd.book(req('S1-1'));
    expect(first).toMatchObject({
      kind: 'booked',
      details: {
        waybillNo: '731000000001',
        markDestination: '成都转 武侯',
        sortingCode: '510-23',
        label: { format: 'html' },
      },
    });
    expect(await kd.recover(req('S1-1'))).toMatchObject({
      kind: 'booked',
      details: { waybillNo: '731000000001' },
    });
    expect(fake.orders.size).toBe(1);
  });

  it('a wrong AppKey gets the carrier’s signature error', async () => {
    const { kd } = await setup('wrong-key');
    expect(await kd.book(req('S2-1'))).toMatchObject({ kind: 'rejected', code: '105' });
  });

  it('commit then stall past the timeout → unknown; resending the same key finds the one booking', async () => {
    const { fake, kd } = await setup('test-appkey', 400);
    fake.fault = 'stall-after-commit';
    fake.stallMs = 1000;
    expect(await kd.book(req('S3-1'))).toMatchObject({ kind: 'unknown' });
    fake.fault = 'none';
    expect(await kd.recover(req('S3-1'))).toMatchObject({
      kind: 'booked',
      details: { waybillNo: '731000000001' },
    });
    expect(fake.orders.size).toBe(1);
  });

  it.each(['5xx', 'html'] as const)('%s → unknown, never a rejection', async (fault) => {
    const { fake, kd } = await setup();
    fake.fault = fault;
    expect(await kd.book(req('S4-1'))).toMatchObject({ kind: 'unknown' });
  });

  it('cancels and tracks', async () => {
    const { kd } = await setup();
    const b = await kd.book(req('S5-1'));
    const waybill = b.kind === 'booked' ? b.details.waybillNo : '';
    expect(await kd.cancel(waybill, req('S5-1'))).toMatchObject({ ok: true });
    expect(await kd.track(waybill)).toMatchObject({
      state: 'in-transit',
      events: [{ text: '【杭州】已揽收' }],
    });
  });
});

describe('SF Express against its local fake', () => {
  const setup = async (checkWord = 'testCheckWord', timeoutMs = 2000) => {
    const fake = await startSfFake('PB_PARTNER', 'testCheckWord');
    fakes.push(fake);
    return {
      fake,
      sf: new SfAdapter(
        { baseUrl: `${fake.url}/std/service`, partnerId: 'PB_PARTNER', checkWord, monthlyCard: '7551234567' },
        timeoutMs,
      ),
    };
  };

  it("books with a digest the fake recomputes (Chinese, spaces, ()!~*' and + in the text)", async () => {
    const { sf } = await setup();
    expect(await sf.book(req('F1-1'))).toMatchObject({
      kind: 'booked',
      details: { waybillNo: 'SF1400000000001', markDestination: '028WH-武侯', sortingCode: 'E12' },
    });
  });

  it('a wrong checkWord gets A1006', async () => {
    const { sf } = await setup('nope');
    expect(await sf.book(req('F2-1'))).toMatchObject({ kind: 'rejected', code: 'A1006' });
  });

  it('a repeated orderId answers 8016 and the search finds the booking', async () => {
    const { fake, sf } = await setup();
    await sf.book(req('F3-1'));
    expect(await sf.book(req('F3-1'))).toMatchObject({
      kind: 'booked',
      details: { waybillNo: 'SF1400000000001' },
    });
    expect(fake.orders.size).toBe(1);
  });

  it('stall after commit → unknown → recovered by search, one booking only', async () => {
    const { fake, sf } = await setup('testCheckWord', 400);
    fake.fault = 'stall-after-commit';
    fake.stallMs = 1000;
    expect(await sf.book(req('F4-1'))).toMatchObject({ kind: 'unknown' });
    fake.fault = 'none';
    expect(await sf.recover(req('F4-1'))).toMatchObject({
      kind: 'booked',
      details: { waybillNo: 'SF1400000000001' },
    });
    expect(fake.orders.size).toBe(1);
  });

  it('cancels (dealType 2) and fetches the cloud-print PDF with X-Auth-token', async () => {
    const { fake, sf } = await setup();
    await sf.book(req('F5-1'));
    expect(await sf.cancel('SF1400000000001', req('F5-1'))).toMatchObject({ ok: true });
    expect(fake.orders.get('F5-1')!.cancelled).toBe(true);
    const pdf = await sf.cloudPrint('SF1400000000001');
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('ShipEngine against its local fake', () => {
  const setup = async (apiKey = 'TEST_key') => {
    const fake = await startShipEngineFake('TEST_key', { carrierId: 'se-123', serviceCode: 'ups_ground' });
    fakes.push(fake);
    return {
      fake,
      se: new ShipEngineAdapter(
        { baseUrl: fake.url, apiKey, carrierId: 'se-123', serviceCode: 'ups_ground' },
        2000,
        2,
      ),
    };
  };

  it('books a 4x6 ZPL label by external_shipment_id', async () => {
    const { se } = await setup();
    const b = await se.book(req('E1-1'));
    expect(b).toMatchObject({
      kind: 'booked',
      details: { waybillNo: '1Z999AA10000000001', carrierRef: 'se-1', label: { format: 'zpl' } },
    });
    if (b.kind === 'booked')
      expect(b.details.label!.data.toString()).toMatch(/^\^XA.*1Z999AA10000000001.*\^XZ$/);
  });

  it('a used external id is looked up, not booked twice', async () => {
    const { fake, se } = await setup();
    await se.book(req('E2-1'));
    expect(await se.book(req('E2-1'))).toMatchObject({
      kind: 'booked',
      details: { waybillNo: '1Z999AA10000000001' },
    });
    expect(fake.labels.size).toBe(1);
  });

  it('waits out a 429 (Retry-After) and books', async () => {
    const { fake, se } = await setup();
    fake.fault = '429';
    expect(await se.book(req('E3-1'))).toMatchObject({ kind: 'booked' });
    expect(fake.calls.filter((c) => c.path === '/v1/labels').length).toBe(2);
  });

  it('a request the API would refuse is refused by the fake too, naming the field', async () => {
    const fake = await startShipEngineFake('TEST_key', { carrierId: 'se-123', serviceCode: 'ups_ground' });
    fakes.push(fake);
    const wrong = new ShipEngineAdapter(
      { baseUrl: fake.url, apiKey: 'TEST_key', carrierId: 'se-999', serviceCode: 'ups_ground' },
      2000,
      2,
    );
    expect(await wrong.book(req('E6-1'))).toMatchObject({
      kind: 'rejected',
      code: 'invalid_field_value',
      message: 'shipment.carrier_id: unknown carrier se-999',
    });
    const noWeight = new ShipEngineAdapter(
      { baseUrl: fake.url, apiKey: 'TEST_key', carrierId: 'se-123', serviceCode: 'ups_ground' },
      2000,
      2,
    );
    const r = req('E7-1');
    expect(await noWeight.book({ ...r, parcels: [{ ...r.parcels[0]!, weightG: 0 }] })).toMatchObject({
      kind: 'rejected',
      message: 'shipment.packages[0].weight.value: above 0',
    });
    expect(fake.labels.size).toBe(0);
  });

  it('a bad API key is refused; void works', async () => {
    expect(await (await setup('bad')).se.book(req('E4-1'))).toMatchObject({
      kind: 'rejected',
      code: 'unauthorized',
    });
    const { fake, se } = await setup();
    await se.book(req('E5-1'));
    expect(await se.cancel('1Z999AA10000000001', null, 'se-1')).toMatchObject({ ok: true });
    expect([...fake.labels.values()][0]!.voided).toBe(true);
  });
});
