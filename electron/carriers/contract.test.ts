import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { tempDir } from '../testing';
import { KdniaoAdapter, PoolAdapter, SfAdapter, ShipEngineAdapter, type ShipmentRequest } from './index';

/**
 * What each adapter sends, field by field, and how it reads every kind of answer, against a scripted server (the
 * answers are the manuals' shapes, ../shared/reference/carriers.md). Signatures are recomputed here, not imported.
 */
let server: Server;
let url: string;
let answer: (
  path: string,
  form: Record<string, string>,
  method: string,
) => { status?: number; body: unknown; headers?: Record<string, string> };
const seen: {
  path: string;
  form: Record<string, string>;
  method: string;
  raw: string;
  headers: Record<string, unknown>;
}[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      seen.push({ path: req.url ?? '', form, method: req.method ?? '', raw: body, headers: req.headers });
      const a = answer(req.url ?? '', form, req.method ?? '');
      res.writeHead(a.status ?? 200, { 'Content-Type': 'application/json', ...a.headers });
      res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => {
  seen.length = 0;
});

const req = (over: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  carrier: 'x',
  shipper: {
    name: '仓',
    phone: '0571',
    province: '浙江省',
    city: '杭州市',
    district: '余杭区',
    address: '文一西路 1 号',
  },
  recipient: {
    name: '陈静',
    phone: '136',
    province: '四川省',
    city: '成都市',
    district: '武侯区',
    address: '天府大道 1 号',
    postCode: '610000',
    company: 'ACME',
  },
  parcels: [
    {
      weightG: 1500,
      items: [
        { name: '茶', qty: 2, weightG: 250 },
        { name: '杯', qty: 1 },
      ],
    },
  ],
  options: { codCents: 1230 },
  reference: 'SO-1',
  idempotencyKey: 'K-1',
  ...over,
});

describe('KDNiao', () => {
  const kd = (extra: object = {}) =>
    new KdniaoAdapter(
      { baseUrl: `${url}/kd`, eBusinessId: 'E1', appKey: 'AK', shipperCode: 'ZTO', ...extra },
      2000,
    );
  const data = () => JSON.parse(seen.at(-1)!.form.RequestData!);

  it('sends 1007 with every field, signed as the manual says', async () => {
    answer = () => ({ body: { Success: true, ResultCode: '100', Order: { LogisticCode: 'W1' } } });
    await kd({ customerName: 'cn', customerPwd: 'pw', monthCode: 'mc' }).book(req());
    const { form } = seen.at(-1)!;
    expect(form).toMatchObject({ EBusinessID: 'E1', RequestType: '1007', DataType: '2' });
    const md5hex = createHash('md5')
      .update(form.RequestData! + 'AK', 'utf8')
      .digest('hex');
    expect(form.DataSign).toBe(Buffer.from(md5hex).toString('base64'));
    expect(data()).toEqual({
      OrderCode: 'K-1',
      ShipperCode: 'ZTO',
      PayType: 3,
      ExpType: 1,
      CustomerName: 'cn',
      CustomerPwd: 'pw',
      MonthCode: 'mc',
      Sender: {
        Name: '仓',
        Mobile: '0571',
        ProvinceName: '浙江省',
        CityName: '杭州市',
        ExpAreaName: '余杭区',
        Address: '文一西路 1 号',
      },
      Receiver: {
        Name: '陈静',
        Mobile: '136',
        ProvinceName: '四川省',
        CityName: '成都市',
        ExpAreaName: '武侯区',
        Address: '天府大道 1 号',
        PostCode: '610000',
        Company: 'ACME',
      },
      Commodity: [
        { GoodsName: '茶', Goodsquantity: 2, GoodsWeight: 0.25 },
        { GoodsName: '杯', Goodsquantity: 1 },
      ],
      Weight: 1.5,
      Quantity: 1,
      AddService: [{ Name: 'COD', Value: '12.30' }],
      Remark: 'SO-1',
      IsReturnPrintTemplate: 1,
    });
    await kd().book(req({ options: {} }));
    expect(data()).toMatchObject({ PayType: 1 });
    expect(data()).not.toHaveProperty('AddService');
    expect(data()).not.toHaveProperty('CustomerName');
  });

  it('reads 100 and 106 as booked, anything else (or no number) as refused, a 5xx as unknown', async () => {
    answer = () => ({
      body: {
        Success: true,
        ResultCode: '100',
        Order: { LogisticCode: 'W1', MarkDestination: '成都', SortingCode: '510' },
        PrintTemplate: '<html/>',
      },
    });
    expect(await kd().book(req())).toEqual({
      kind: 'booked',
      details: {
        carrier: 'kdniao:ZTO',
        service: null,
        waybillNo: 'W1',
        markDestination: '成都',
        sortingCode: '510',
        label: { format: 'html', data: Buffer.from('<html/>') },
      },
    });
    answer = () => ({ body: { Success: false, ResultCode: '106', Order: { LogisticCode: 'W0' } } });
    expect(await kd().recover(req())).toMatchObject({
      kind: 'booked',
      details: { waybillNo: 'W0', markDestination: null, sortingCode: null, label: null },
    });
    answer = () => ({ body: { Success: true, ResultCode: '100' } });
    expect(await kd().book(req())).toEqual({ kind: 'rejected', code: '100', message: 'refused' });
    answer = () => ({ body: { Success: false, ResultCode: '105', Reason: '签名错误' } });
    expect(await kd().book(req())).toEqual({ kind: 'rejected', code: '105', message: '签名错误' });
    answer = () => ({ status: 502, body: 'bad gateway' });
    expect(await kd().book(req())).toMatchObject({ kind: 'unknown' });
  });

  it('cancels with 1147, tracks with 1002 (states 0–4), tests the credentials', async () => {
    answer = () => ({ body: { Success: true, ResultCode: '100', Reason: 'ok' } });
    expect(await kd({ customerName: 'cn' }).cancel('W1', req())).toEqual({ ok: true, message: 'ok' });
    expect(seen.at(-1)!.form.RequestType).toBe('1147');
    expect(data()).toEqual({ ShipperCode: 'ZTO', OrderCode: 'K-1', ExpNo: 'W1', CustomerName: 'cn' });
    answer = () => ({ body: { Success: false, ResultCode: '102' } });
    expect(await kd().cancel('W1', null)).toEqual({ ok: false, message: '102' });
    expect(data().OrderCode).toBe('');
    for (const [state, want] of [
      ['0', 'none'],
      ['1', 'collected'],
      ['2', 'in-transit'],
      ['3', 'signed'],
      ['4', 'problem'],
      ['9', 'unknown'],
    ]) {
      answer = () => ({
        body: {
          Success: true,
          ResultCode: '100',
          State: state,
          Traces: [{ AcceptTime: 't', AcceptStation: 's' }],
        },
      });
      expect(await kd().track('W1')).toEqual({ state: want, events: [{ at: 't', text: 's' }] });
    }
    expect(data()).toEqual({ ShipperCode: 'ZTO', LogisticCode: 'W1' });
    answer = () => ({ body: { Success: true, ResultCode: '100' } });
    expect(await kd().track('W1')).toEqual({ state: 'unknown', events: [] });
    expect(await kd().test()).toBe('KDNiao answered (ResultCode 100)');
    answer = () => ({ body: { Success: false, ResultCode: '105', Reason: 'DataSign 签名错误' } });
    await expect(kd().test()).rejects.toThrow('KDNiao refused the credentials: DataSign 签名错误');
  });
});

describe('SF 丰桥', () => {
  const sf = (extra: object = {}) =>
    new SfAdapter({ baseUrl: `${url}/sf`, partnerId: 'P1', checkWord: 'CW', ...extra }, 2000);
  const ok = (msgData: object) => ({
    body: {
      apiResultCode: 'A1000',
      apiResultData: JSON.stringify({ success: true, errorCode: 'S0000', msgData }),
    },
  });
  const fail = (errorCode: string, errorMsg?: string) => ({
    body: { apiResultCode: 'A1000', apiResultData: JSON.stringify({ success: false, errorCode, errorMsg }) },
  });
  const msg = (i = -1) => JSON.parse(seen.at(i)!.form.msgData!);

  it('creates with every field and the Java-encoded digest', async () => {
    answer = () => ok({ waybillNoInfoList: [{ waybillType: 1, waybillNo: 'SF1' }] });
    await sf({ monthlyCard: '7551234567' }).book(req());
    const { form } = seen.at(-1)!;
    expect(form).toMatchObject({ partnerID: 'P1', serviceCode: 'EXP_RECE_CREATE_ORDER' });
    expect(form.requestID).toMatch(/^[0-9a-f-]{36}$/);
    expect(form.msgDigest).toBe(
      createHash('md5')
        .update(
          encodeURIComponent(form.msgData! + form.timestamp! + 'CW')
            .replace(/%20/g, '+')
            .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
          'utf8',
        )
        .digest('base64'),
    );
    expect(msg()).toEqual({
      language: 'zh-CN',
      orderId: 'K-1',
      contactInfoList: [
        {
          contactType: 1,
          contact: '仓',
          mobile: '0571',
          province: '浙江省',
          city: '杭州市',
          county: '余杭区',
          address: '文一西路 1 号',
        },
        {
          contactType: 2,
          contact: '陈静',
          mobile: '136',
          province: '四川省',
          city: '成都市',
          county: '武侯区',
          address: '天府大道 1 号',
          company: 'ACME',
        },
      ],
      cargoDetails: [
        { name: '茶', count: 2 },
        { name: '杯', count: 1 },
      ],
      monthlyCard: '7551234567',
      payMethod: 1,
      expressTypeId: 1,
      parcelQty: 1,
      totalWeight: 1.5,
      extraInfoList: [{ attrName: 'COD', attrVal: '12.30' }],
      isReturnRoutelabel: 1,
      remark: 'SO-1',
    });
    await sf().book(req({ options: {} }));
    expect(msg()).not.toHaveProperty('extraInfoList');
    expect(msg()).not.toHaveProperty('monthlyCard');
  });

  it('takes the main waybill (type 1) and the route label; 8016 goes to the search; refusals keep code and words', async () => {
    answer = () =>
      ok({
        waybillNoInfoList: [
          { waybillType: 2, waybillNo: 'CHILD' },
          { waybillType: 1, waybillNo: 'MAIN' },
        ],
        routeLabelInfo: [{ routeLabelData: { destRouteLabel: '755W', codingMapping: 'F33' } }],
      });
    expect(await sf().book(req())).toEqual({
      kind: 'booked',
      details: {
        carrier: 'sf',
        service: null,
        waybillNo: 'MAIN',
        markDestination: '755W',
        sortingCode: 'F33',
        label: null,
      },
    });
    answer = () =>
      ok({
        waybillNoInfoList: [{ waybillType: 2, waybillNo: 'ONLY' }],
        routeLabelInfo: [{ routeLabelData: { destTeamCode: 'T9' } }],
      });
    expect(await sf().book(req())).toMatchObject({
      details: { waybillNo: 'ONLY', markDestination: null, sortingCode: 'T9' },
    });
    answer = () => ok({});
    expect(await sf().book(req())).toEqual({
      kind: 'rejected',
      code: 'S0000',
      message: 'no waybill number in the answer',
    });
    answer = (_p, form) =>
      form.serviceCode === 'EXP_RECE_CREATE_ORDER'
        ? fail('8016', '重复下单')
        : ok({ waybillNoInfoList: [{ waybillType: 1, waybillNo: 'FOUND' }] });
    expect(await sf().book(req())).toMatchObject({ kind: 'booked', details: { waybillNo: 'FOUND' } });
    expect(msg()).toEqual({ orderId: 'K-1', searchType: 1, language: 'zh-CN' });
    answer = () => fail('8019', '地址不支持');
    expect(await sf().book(req())).toEqual({ kind: 'rejected', code: '8019', message: '地址不支持' });
    answer = () => fail('8019');
    expect(await sf().book(req())).toEqual({ kind: 'rejected', code: '8019', message: 'refused' });
    answer = () => ({ body: { apiResultCode: 'A1004', apiErrorMsg: '无权限' } });
    expect(await sf().book(req())).toEqual({ kind: 'rejected', code: 'A1004', message: '无权限' });
    answer = () => ({ body: { apiResultCode: 'A1002' } });
    expect(await sf().book(req())).toEqual({
      kind: 'rejected',
      code: 'A1002',
      message: 'API refused the call',
    });
    answer = () => ({ status: 503, body: 'x' });
    expect(await sf().book(req())).toMatchObject({ kind: 'unknown' });
  });

  it('recovers by search, or sends the same orderId again when SF never got it', async () => {
    answer = () => ok({ waybillNoInfoList: [{ waybillType: 1, waybillNo: 'S1' }] });
    expect(await sf().recover(req())).toMatchObject({ kind: 'booked', details: { waybillNo: 'S1' } });
    expect(seen.map((s) => s.form.serviceCode)).toEqual(['EXP_RECE_SEARCH_ORDER_RESP']);
    seen.length = 0;
    answer = (_p, form) =>
      form.serviceCode === 'EXP_RECE_SEARCH_ORDER_RESP'
        ? fail('20052', 'not found')
        : ok({ waybillNoInfoList: [{ waybillType: 1, waybillNo: 'NEW' }] });
    expect(await sf().recover(req())).toMatchObject({ kind: 'booked', details: { waybillNo: 'NEW' } });
    expect(seen.map((s) => s.form.serviceCode)).toEqual([
      'EXP_RECE_SEARCH_ORDER_RESP',
      'EXP_RECE_CREATE_ORDER',
    ]);
    answer = () => ({ status: 500, body: 'x' });
    expect(await sf().recover(req())).toMatchObject({ kind: 'unknown' });
  });

  it('cancels with dealType 2, tracks (80 = signed), and tells refused credentials apart', async () => {
    answer = () => ok({});
    expect(await sf().cancel('SF1', req())).toEqual({ ok: true, message: 'S0000' });
    expect(msg()).toEqual({ orderId: 'K-1', dealType: 2, language: 'zh-CN' });
    answer = () => fail('8037', '已揽收');
    expect(await sf().cancel('SF1', null)).toEqual({ ok: false, message: '已揽收' });
    expect(msg().orderId).toBe('');
    answer = () =>
      ok({
        routeResps: [
          {
            routes: [
              { acceptTime: 't1', remark: '收件', opCode: '50' },
              { acceptTime: 't2', remark: '签收', opCode: '80' },
            ],
          },
        ],
      });
    expect(await sf().track('SF1')).toEqual({
      state: 'signed',
      events: [
        { at: 't1', text: '收件' },
        { at: 't2', text: '签收' },
      ],
    });
    expect(msg()).toEqual({ trackingType: 1, trackingNumber: ['SF1'], language: 'zh-CN' });
    answer = () => ok({ routeResps: [{ routes: [{ acceptTime: 't1', remark: '收件', opCode: '50' }] }] });
    expect((await sf().track('SF1')).state).toBe('collected');
    answer = () => ok({ routeResps: [{ routes: [{ acceptTime: 't1', remark: '中转', opCode: '30' }] }] });
    expect((await sf().track('SF1')).state).toBe('in-transit');
    answer = () => ok({});
    expect(await sf().track('SF1')).toEqual({ state: 'none', events: [] });
    answer = () => fail('20052', 'not found');
    expect(await sf().test()).toBe('SF answered (20052)');
    expect(msg()).toEqual({ orderId: 'PACKBENCH-TEST', searchType: 1, language: 'zh-CN' });
    for (const code of ['A1006', 'A1004']) {
      answer = () => ({ body: { apiResultCode: code, apiErrorMsg: 'bad' } });
      await expect(sf().test()).rejects.toThrow(`SF refused the credentials: ${code} bad`);
    }
  });
});

describe('ShipEngine', () => {
  const se = () =>
    new ShipEngineAdapter(
      { baseUrl: `${url}/se/`, apiKey: 'KEY', carrierId: 'se-1', serviceCode: 'ups_ground' },
      2000,
      1,
    );
  const label = () => ({
    label_id: 'L1',
    shipment_id: 'SH1',
    tracking_number: '1Z1',
    label_download: { zpl: `${url}/dl/1Z1.zpl` },
  });

  it('posts the label request with the API key, every field, and fetches the ZPL with the key too', async () => {
    answer = (path) => (path.startsWith('/dl/') ? { body: '^XA^XZ' } : { body: label() });
    const r = await se().book({ ...req(), parcels: [{ weightG: 1200, dimsMm: [300, 200, 105], items: [] }] });
    expect(r).toEqual({
      kind: 'booked',
      details: {
        carrier: 'shipengine',
        service: 'ups_ground',
        waybillNo: '1Z1',
        markDestination: null,
        sortingCode: null,
        label: { format: 'zpl', data: Buffer.from('^XA^XZ') },
        carrierRef: 'L1',
      },
    });
    const post = seen.find((s) => s.method === 'POST')!;
    expect(post.path).toBe('/v1/labels');
    expect(post.headers).toMatchObject({ 'api-key': 'KEY', 'content-type': 'application/json' });
    expect(JSON.parse(post.raw)).toEqual({
      shipment: {
        carrier_id: 'se-1',
        service_code: 'ups_ground',
        external_shipment_id: 'K-1',
        ship_to: {
          name: '陈静',
          phone: '136',
          company_name: 'ACME',
          address_line1: '天府大道 1 号',
          city_locality: '成都市',
          state_province: '四川省',
          postal_code: '610000',
          country_code: 'CN',
        },
        ship_from: {
          name: '仓',
          phone: '0571',
          company_name: null,
          address_line1: '文一西路 1 号',
          city_locality: '杭州市',
          state_province: '浙江省',
          postal_code: '',
          country_code: 'CN',
        },
        packages: [
          {
            weight: { value: 1200, unit: 'gram' },
            dimensions: { unit: 'centimeter', length: 30, width: 20, height: 10.5 },
          },
        ],
      },
      label_format: 'zpl',
      label_layout: '4x6',
    });
    expect(seen.find((s) => s.path.startsWith('/dl/'))!.headers).toMatchObject({ 'api-key': 'KEY' });
  });

  it('a used external id is looked up (shipment, then its label); a refusal keeps its code; 429 waits then is unknown', async () => {
    answer = (path, _f, method) =>
      method === 'POST'
        ? {
            status: 400,
            body: {
              errors: [
                { error_code: 'invalid_field_value', message: 'external_shipment_id K-1 is already in use' },
              ],
            },
          }
        : path.startsWith('/v1/shipments/external_shipment_id/K-1')
          ? { body: { shipment_id: 'SH1' } }
          : path === '/v1/labels?shipment_id=SH1'
            ? { body: { labels: [{ ...label(), label_download: {} }] } }
            : { status: 404, body: {} };
    expect(await se().book(req())).toMatchObject({
      kind: 'booked',
      details: { waybillNo: '1Z1', label: null, carrierRef: 'L1' },
    });
    answer = () => ({
      status: 400,
      body: { errors: [{ error_code: 'invalid_address', message: 'no such street' }] },
    });
    expect(await se().book(req())).toEqual({
      kind: 'rejected',
      code: 'invalid_address',
      message: 'no such street',
    });
    answer = () => ({ status: 500, body: {} });
    expect(await se().book(req())).toMatchObject({ kind: 'unknown' });
    answer = () => ({ status: 422, body: {} });
    expect(await se().book(req())).toEqual({ kind: 'rejected', code: '422', message: 'HTTP 422' });
    seen.length = 0;
    answer = () => ({ status: 429, body: { errors: [] }, headers: { 'Retry-After': '0' } });
    expect(await se().book(req())).toEqual({ kind: 'unknown', reason: 'rate limited' });
    expect(seen).toHaveLength(3); // asked three times, as told to wait
  });

  it('recovering: not found books with the same external id; a shipment without a label books too', async () => {
    answer = (path, _f, method) =>
      method === 'POST' ? { body: { ...label(), label_download: {} } } : { status: 404, body: {} };
    expect(await se().recover(req())).toMatchObject({ kind: 'booked' });
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(1);
    seen.length = 0;
    answer = (path, _f, method) =>
      method === 'POST'
        ? { body: { ...label(), label_download: {} } }
        : path.startsWith('/v1/shipments/')
          ? { body: { shipment_id: 'SH2' } }
          : { body: { labels: [{ label_id: 'L0', shipment_id: 'SH2' }] } };
    expect(await se().recover(req())).toMatchObject({ kind: 'booked' });
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET', 'POST']);
  });

  it('voids by label id, tracks (DE = signed), tests the key', async () => {
    expect(await se().cancel('1Z1', null, null)).toEqual({
      ok: false,
      message: 'no ShipEngine label id stored for this shipment',
    });
    answer = () => ({ body: { approved: true, message: 'refund requested' } });
    expect(await se().cancel('1Z1', null, 'L/1')).toEqual({ ok: true, message: 'refund requested' });
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', path: '/v1/labels/L%2F1/void' });
    answer = () => ({ status: 409, body: {} });
    expect(await se().cancel('1Z1', null, 'L1')).toEqual({ ok: false, message: 'HTTP 409' });
    for (const [code, state] of [
      ['AC', 'collected'],
      ['IT', 'in-transit'],
      ['DE', 'signed'],
      ['EX', 'problem'],
      ['UN', 'unknown'],
      ['??', 'none'],
    ]) {
      answer = () => ({ body: { status_code: code, events: [{ occurred_at: 't', description: 'd' }] } });
      expect(await se().track('1Z 1')).toEqual({ state, events: [{ at: 't', text: 'd' }] });
    }
    expect(seen.at(-1)!.path).toBe('/v1/tracking?carrier_code=se-1&tracking_number=1Z%201');
    answer = () => ({ body: {} });
    expect(await se().track('1Z1')).toEqual({ state: 'none', events: [] });
    expect(await se().test()).toBe('ShipEngine answered (HTTP 200)');
    for (const status of [401, 403]) {
      answer = () => ({ status, body: {} });
      await expect(se().test()).rejects.toThrow('ShipEngine refused the API key');
    }
  });
});

describe('the waybill pool', () => {
  let dir: string;
  let cleanup: () => void;
  let store: Store;
  const warnings: string[] = [];
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = openStore(join(dir, 'b.db'));
    warnings.length = 0;
    return () => {
      store.close();
      cleanup();
    };
  });
  const pool = (low = 2) => new PoolAdapter(store.repos.waybillPool, 'zto', low, (m) => warnings.push(m));

  it('imports new numbers and counts the known ones; books the lowest free number with the destination', async () => {
    expect(store.repos.waybillPool.add('zto', ['ZT3', 'ZT1', 'ZT2', 'ZT1'], 'x')).toEqual({
      added: 3,
      skipped: 1,
    });
    expect(store.repos.waybillPool.add('zto', ['ZT3', 'ZT4'], 'x')).toEqual({ added: 1, skipped: 1 });
    expect(await pool().test()).toBe('4 free zto waybill numbers');
    expect(await pool().book(req({ idempotencyKey: 'A' }))).toEqual({
      kind: 'booked',
      details: {
        carrier: 'pool:zto',
        service: null,
        waybillNo: 'ZT1',
        markDestination: '成都 武侯区',
        sortingCode: null,
        label: null,
      },
    });
    expect(warnings).toEqual([]); // 3 left, the warning is below 2
    await pool().book(req({ idempotencyKey: 'B' }));
    expect(warnings).toEqual([]); // 2 left: not below
    await pool().book(req({ idempotencyKey: 'C' }));
    expect(warnings).toEqual(['only 1 zto waybill numbers left in the pool']);
    expect(await pool().recover(req({ idempotencyKey: 'A' }))).toMatchObject({
      details: { waybillNo: 'ZT1' },
    });
    await pool().book(req({ idempotencyKey: 'D' }));
    expect(await pool().book(req({ idempotencyKey: 'E' }))).toEqual({
      kind: 'rejected',
      code: 'pool-empty',
      message: "no free zto waybill numbers left: import the carrier's next file",
    });
    await expect(pool().test()).rejects.toThrow(
      "no free zto waybill numbers: import the carrier's file (carrier pool-import)",
    );
    expect(await pool().cancel('ZT1')).toEqual({
      ok: true,
      message: 'cancelled; the number stays used and is never issued again',
    });
    expect(await pool().cancel('ZT9')).toEqual({
      ok: false,
      message: 'ZT9 is not a used number of this pool',
    });
    expect(await pool().track()).toEqual({ state: 'unknown', events: [] });
    // A destination city without 市 keeps its name.
    store.repos.waybillPool.add('zto', ['ZT5'], 'x');
    const r = req({ idempotencyKey: 'F' });
    expect(
      await pool().book({ ...r, recipient: { ...r.recipient, city: '市中区', district: '' } }),
    ).toMatchObject({
      details: { markDestination: '市中区' },
    });
  });
});
