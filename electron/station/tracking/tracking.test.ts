import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SfAdapter, ShipEngineAdapter } from '../../carriers';
import {
  startKdniaoFake,
  startSfFake,
  startShipEngineFake,
  type FakeServer,
  type KdniaoFake,
} from '../../carriers/fakes';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../../config';
import { silentLog } from '../../log';
import { packAndClose, tempDir } from '../../testing';
import { parcelStatus } from '../../carriers';
import { Station } from '..';

// 跟踪 to 签收 on a single bench: parcels handed over are asked of their carrier (the KDNiao fake), their events kept
// and worded, a status change is a notice, and the parcels that need a person are the lead's list.
let dir: string;
let cleanup: () => void;
let station: Station;
let kd: KdniaoFake;
let clock = new Date('2026-11-30T02:00:00Z');
const fakes: FakeServer[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  kd = await startKdniaoFake('1234567', 'test-appkey');
  clock = new Date('2026-11-30T02:00:00Z');
  station = new Station({
    loaded: {
      config: ConfigSchema.parse({
        ...EMBEDDED_DEFAULT,
        station: { id: 'T-1' },
        carriers: {
          default: 'kdniao',
          kdniao: {
            baseUrl: `${kd.url}/api/EOrderService`,
            eBusinessId: '1234567',
            appKey: 'test-appkey',
            shipperCode: 'ZTO',
          },
        },
        notify: { url: 'http://127.0.0.1:9/notices', secret: 's3cret-s3cret', tracking: true },
        tracking: { pickupHours: 24, stuckHours: 48 },
      }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 't',
    log: silentLog,
    now: () => clock,
  });
});
afterEach(async () => {
  await station.close();
  await kd.close();
  await Promise.all(fakes.splice(0).map((f) => f.close()));
  cleanup();
});

async function packAndHandOver(orderNo: string, codes: string[], grams: number): Promise<string> {
  const waybill = await packAndClose(station, orderNo, codes, grams);
  station.handovers.open('kdniao', '张伟');
  station.show({ page: 'handover', dialog: null });
  station.scan(waybill);
  return waybill;
}

describe('tracking after handover', () => {
  it('follows each parcel to 签收: events kept and worded, status changes noticed, finished parcels asked no more', async () => {
    const a = await packAndHandOver('SO202611290001', ['BOX-S', '6900012345004', '6900012345004'], 703);
    const b = await packAndHandOver('SO202611290008', ['BOX-S', '6900012345141'], 492);
    kd.tracks.set(a, {
      State: '3',
      Traces: [
        { AcceptTime: '2026-11-30 12:00:00', AcceptStation: '【杭州】快递员已揽收' },
        { AcceptTime: '2026-12-01 09:00:00', AcceptStation: '【成都】派件员正在派件' },
        { AcceptTime: '2026-12-01 15:00:00', AcceptStation: '已签收，签收人：本人' },
      ],
    });
    kd.tracks.set(b, { State: '0', Traces: [] });
    expect(await station.call('tracking.poll', {})).toMatchObject({
      ok: true,
      result: { enrolled: 2, asked: 2, changed: 1, failed: [] },
    });
    const timeline = await station.call('tracking.timeline', { orderNo: 'SO202611290001' });
    expect(timeline).toMatchObject({
      ok: true,
      result: [
        { waybillNo: a, status: 'collected' },
        { waybillNo: a, status: 'delivering' },
        { waybillNo: a, status: 'signed', text: '已签收，签收人：本人' },
      ],
    });
    const notices = station.store.db
      .prepare("SELECT idempotency_key, payload FROM outbox WHERE kind = 'tracking'")
      .all() as { idempotency_key: string; payload: string }[];
    expect(notices.map((n) => n.idempotency_key)).toEqual([`track-${a}-signed`]);
    expect(JSON.parse(notices[0]!.payload)).toMatchObject({
      orderNo: 'SO202611290001',
      waybillNo: a,
      status: 'signed',
    });
    // Signed: not asked again; the other still is, the same events are not kept twice.
    const asked = kd.calls.length;
    expect((await station.tracking.poll()).asked).toBe(1);
    expect(kd.calls.length).toBe(asked + 1);
    expect(station.store.db.prepare('SELECT count(*) FROM tracking_events').pluck().get()).toBe(3);
  });

  it("KDNiao's push (8001): checked by DataSign, the parcel's traces taken, the answer KDNiao expects", async () => {
    const a = await packAndHandOver('SO202611290001', ['BOX-S', '6900012345004', '6900012345004'], 703);
    const requestData = JSON.stringify({
      EBusinessID: '1234567',
      PushTime: '2026-12-01 16:00:00',
      Count: '1',
      Data: [
        {
          ShipperCode: 'ZTO',
          LogisticCode: a,
          State: '3',
          Traces: [
            { AcceptTime: '2026-12-01 09:00:00', AcceptStation: '【成都】派件员正在派件' },
            { AcceptTime: '2026-12-01 15:00:00', AcceptStation: '已签收' },
          ],
        },
      ],
    });
    const { kdniaoDataSign } = await import('../../carriers');
    const wrong = await station.hooks.receiveKdniaoTracking({
      RequestData: requestData,
      DataSign: 'bm9wZQ==',
      RequestType: '101',
    });
    expect(wrong).toMatchObject({ status: 401, body: { Success: false } });
    expect(station.store.db.prepare('SELECT count(*) FROM tracking_events').pluck().get()).toBe(0);
    const ok = await station.hooks.receiveKdniaoTracking({
      RequestData: requestData,
      DataSign: kdniaoDataSign(requestData, 'test-appkey'),
      RequestType: '101',
    });
    expect(ok).toMatchObject({ status: 200, body: { EBusinessID: '1234567', Success: true } });
    expect(station.repos.tracking.byWaybill(a)).toMatchObject({ status: 'signed', final: 1 });
    expect((await station.tracking.timeline('SO202611290001')).map((e) => e.status)).toEqual([
      'delivering',
      'signed',
    ]);
  });

  it("the lead's list: not picked up after a day, no movement for two, an exception, a parcel coming back", async () => {
    const parcels = [];
    for (const [no, codes, g] of [
      ['SO202611290001', ['BOX-S', '6900012345004', '6900012345004'], 703],
      ['SO202611290008', ['BOX-S', '6900012345141'], 492],
      ['SO202611290016', ['BOX-S', '6900012345424', '6900012345424', '6900012345424'], 683],
      ['SO202611290010', ['BOX-S', '6900012345219'], 182],
    ] as const)
      parcels.push(await packAndHandOver(no, [...codes], g));
    const [silent, stuck, broken, back] = parcels as [string, string, string, string];
    kd.tracks.set(silent, { State: '0', Traces: [] });
    kd.tracks.set(stuck, {
      State: '2',
      Traces: [{ AcceptTime: '2026-11-30T03:00:00Z', AcceptStation: '【杭州】已揽收' }],
    });
    kd.tracks.set(broken, {
      State: '4',
      Traces: [{ AcceptTime: '2026-11-30T04:00:00Z', AcceptStation: '地址不详，问题件' }],
    });
    kd.tracks.set(back, {
      State: '2',
      Traces: [{ AcceptTime: '2026-11-30T05:00:00Z', AcceptStation: '收件人拒收，快件退回' }],
    });
    await station.tracking.poll();
    expect((await station.tracking.attention()).map((p) => [p.waybillNo, p.problem])).toEqual([
      [broken, 'exception'],
      [back, 'returned'],
    ]);
    clock = new Date('2026-12-02T06:00:00Z'); // 52 hours on
    expect((await station.tracking.attention()).map((p) => [p.orderNo, p.problem])).toEqual([
      ['SO202611290001', 'not-picked-up'],
      ['SO202611290008', 'stuck'],
      ['SO202611290016', 'exception'],
      ['SO202611290010', 'returned'],
    ]);
  });
});

describe('carrier tracking, normalised', () => {
  it('SF routes and ShipEngine status codes to 揽收 / 派件 / 签收 / 异常 / 退回', async () => {
    const sfFake = await startSfFake('P1', 'CW');
    const se = await startShipEngineFake('KEY');
    fakes.push(sfFake, se);
    const sf = new SfAdapter(
      { baseUrl: `${sfFake.url}/std/service`, partnerId: 'P1', checkWord: 'CW' },
      2000,
    );
    const route = (opCode: string, remark: string) => [{ acceptTime: '2026-11-30 10:00:00', remark, opCode }];
    const cases: [string, string, string][] = [
      ['50', '顺丰速运 已收取快件', 'collected'],
      ['44', '正在派送途中', 'delivering'],
      ['80', '已签收', 'signed'],
      ['70', '快件滞留', 'exception'],
      ['99', '快件已退回', 'returned'],
      ['30', '快件在【深圳】中转', 'in-transit'],
    ];
    for (const [op, remark, want] of cases) {
      sfFake.routes.set(`SF-${op}`, route(op, remark));
      expect(parcelStatus(await sf.track(`SF-${op}`))).toBe(want);
    }
    expect(parcelStatus(await sf.track('SF-none'))).toBeNull();
    const shipengine = new ShipEngineAdapter(
      { baseUrl: se.url, apiKey: 'KEY', carrierId: 'c', serviceCode: 's' },
      2000,
    );
    for (const [code, want] of [
      ['AC', 'collected'],
      ['IT', 'in-transit'],
      ['AT', 'delivering'],
      ['DE', 'signed'],
      ['EX', 'exception'],
    ] as const) {
      se.tracking.set(`1Z${code}`, {
        status_code: code,
        events: [{ occurred_at: '2026-11-30T10:00:00Z', description: code }],
      });
      expect(parcelStatus(await shipengine.track(`1Z${code}`))).toBe(want);
    }
  });
});
