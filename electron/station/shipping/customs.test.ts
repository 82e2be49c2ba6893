import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSfFake, startShipEngineFake, type SfFake, type ShipEngineFake } from '../../carriers/fakes';
import { ConfigSchema, EMBEDDED_DEFAULT, type ConfigInput } from '../../config';
import { importFile } from '../../intake';
import { silentLog } from '../../log';
import { tempDir, waitFor } from '../../testing';
import { Station } from '..';

// 跨境 at a bench: orders abroad declared from their products' and lines' customs data, checked before booking (a
// bad declaration blocks the box with every reason, fixed data lets it go), booked with the declaration SF and
// ShipEngine want (their fakes refuse a parcel abroad without it), and printed with a CN22/CN23 and invoices.
const MUG = '6900012345141';
const TEA = '6900012345004';
const POWER = '6900012399991';

let dir: string;
let cleanup: () => void;
let station: Station;
let sf: SfFake;
let se: ShipEngineFake;

const PRODUCTS = `sku,name,barcodes,unit_weight_g,hs_code,customs_name_en,customs_name_zh,origin_country,dangerous_goods
CUP-CER-01,陶瓷马克杯,${MUG};6900099900011,350,6912.00.10,Ceramic mug,陶瓷马克杯,CN,
TEA-LJ-250,西湖龙井 250g,${TEA},280,,Green tea,绿茶,CN,否
PB-POWER,充电宝,${POWER},200,8507600090,Power bank,充电宝,CN,UN3481
`;
const ORDERS = `订单号,店铺,商品编码,商品名称,数量,收货人,手机,省,市,区,详细地址,目的国,申报价值,币种,贸易条款,收件人税号
XB-1,Global Store,CUP-CER-01,陶瓷马克杯,1,John Smith,+1 212 555 0100,NY,New York,,350 5th Ave,US,12.50,USD,DDU,
XB-2,Global Store,TEA-LJ-250,西湖龙井 250g,1,Anna Müller,+49 30 1234567,Berlin,Berlin,,Unter den Linden 1,DE,30.00,EUR,DDP,DE123456789
XB-3,Global Store,PB-POWER,充电宝,1,Tom Brown,+44 20 7946 0000,London,London,,10 Downing St,GB,20.00,GBP,DDU,
XB-4,Global Store,CUP-CER-01,陶瓷马克杯,1,John Smith,+1 212 555 0100,NY,New York,,350 5th Ave,US,500.00,USD,DDU,
`;

const open = (extra: Partial<ConfigInput>) =>
  new Station({
    loaded: {
      config: ConfigSchema.parse({
        ...EMBEDDED_DEFAULT,
        station: { id: 'X-1' },
        printers: {
          label: { uri: `file:${dir}/labels/`, language: 'zpl' },
          slip: { uri: `file:${dir}/invoices/`, language: 'pdf' },
        },
        ...extra,
      }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 't',
    log: silentLog,
  });

async function load(kind: 'orders' | 'products', text: string) {
  const file = join(dir, `${kind}.csv`);
  writeFileSync(file, text);
  const r = await importFile(station.repos, kind, file, Buffer.from(text), new Date());
  expect(r.refused).toEqual([]);
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  sf = await startSfFake('PB-SF', 'sf-check');
  se = await startShipEngineFake('se-key');
  station = open({
    carriers: { default: 'sf', sf: { baseUrl: sf.url, partnerId: 'PB-SF', checkWord: 'sf-check' } },
  });
  await load('products', PRODUCTS);
  await load('orders', ORDERS);
});
afterEach(async () => {
  await station.close();
  await Promise.all([sf.close(), se.close()]);
  cleanup();
});

/** Packs one single-item order abroad in BOX-S and puts it on the scale. */
function packAndWeigh(orderNo: string, code: string, grams: number) {
  if (!station.people.packer) station.scan('U1001');
  station.show({ page: 'pack', dialog: null });
  station.scan(orderNo);
  station.scan('BOX-S');
  station.scan(code);
  station.scale.setWeight!(0);
  station.scale.setWeight!(grams);
}

/** A contract call as a screen makes it: its result, or its refusal thrown with its words. */
async function call<T = Record<string, unknown>>(method: string, params: unknown): Promise<T> {
  const r = await station.call(method as never, params as never);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

const created = (fake: { calls: { body: string }[] }) =>
  fake.calls
    .map((c) => Object.fromEntries(new URLSearchParams(c.body)))
    .filter((f) => f.serviceCode === 'EXP_RECE_CREATE_ORDER')
    .map((f) => JSON.parse(f.msgData!) as Record<string, unknown>);

describe('a parcel abroad', () => {
  it('is declared to SF with its cargo details, and prints its CN22 and two invoices after the face sheet', async () => {
    packAndWeigh('XB-1', MUG, 495);
    await waitFor(() => station.state().phase === 'labelling', 5000, 'XB-1 booked');
    const [order] = created(sf);
    expect(order).toMatchObject({
      cargoDetails: [
        {
          name: 'Ceramic mug',
          count: 1,
          unit: 'pcs',
          amount: 12.5,
          currency: 'USD',
          sourceArea: 'CN',
          hsCode: '69120010',
        },
      ],
      customsInfo: { declaredValue: 12.5, declaredValueCurrency: 'USD', tradeCondition: 'DDU' },
      contactInfoList: [expect.anything(), expect.objectContaining({ contactType: 2, country: 'US' })],
    });
    // The papers follow the face sheet, drawn off its path.
    const session = station.state().box!.sessionId;
    await waitFor(() => station.repos.printJobs.forSession(session).length === 4, 5000, 'the papers');
    const jobs = station.repos.printJobs.forSession(session);
    expect(jobs.map((j) => [j.kind, j.printer, j.language])).toEqual([
      ['label', 'label', 'zpl'],
      ['customs', 'label', 'zpl'],
      ['invoice', 'slip', 'pdf'],
      ['invoice', 'slip', 'pdf'],
    ]);
  });

  it('over 300 SDR goes with a CN23', async () => {
    packAndWeigh('XB-4', MUG, 495);
    await waitFor(() => station.state().phase === 'labelling', 5000, 'XB-4 booked');
    const row = station.repos.shipments.latestBooked(station.repos.orders.findByCode('XB-4')!.order.id)!;
    expect(JSON.parse(row.request)).toMatchObject({ customs: { document: 'CN23', totalValueCents: 50000 } });
  });

  it('is blocked with every reason when its declaration is bad; a lead fixes it at the bench (PIN, audited) and it goes', async () => {
    packAndWeigh('XB-2', TEA, 425);
    await waitFor(() => station.state().feedback?.kind === 'customs-blocked', 5000, 'XB-2 blocked');
    expect(station.state().feedback!.params.problems).toBe('TEA-LJ-250 has no HS code');
    expect(station.state().box!.customsBlocked).toEqual({ problems: 'TEA-LJ-250 has no HS code' });
    expect(created(sf)).toEqual([]);
    // What the lead sees: the order's declaration line by line, and what blocks it.
    type Seen = { lines: { name: string; qty: number; hsCode: string | null }[]; problems: string };
    const seen = await call<Seen>('customs.declaration', { orderNo: 'XB-2' });
    expect(seen).toMatchObject({
      country: 'DE',
      incoterm: 'DDP',
      buyerTaxId: 'DE123456789',
      lines: [
        {
          sku: 'TEA-LJ-250',
          qty: 1,
          hsCode: null,
          nameEn: 'Green tea',
          originCountry: 'CN',
          value: 30,
          currency: 'EUR',
        },
      ],
      problems: 'TEA-LJ-250 has no HS code',
    });
    const fix = {
      ...seen,
      lines: seen.lines.map(({ name: _n, qty: _q, ...l }) => ({ ...l, hsCode: '0902.10' })),
    };
    const { problems: _p, ...asked } = fix;
    // A packer's PIN is not enough; the lead's is.
    await expect(call('customs.fix', { ...asked, lead: 'U1001', pin: '1234' })).rejects.toThrow(/lead/);
    const booked = await call('customs.fix', { ...asked, lead: 'L2001', pin: '2468' });
    expect(booked).toMatchObject({ kind: 'booked' });
    await waitFor(() => station.state().phase === 'labelling', 5000, 'XB-2 booked');
    expect(station.state().box!.customsBlocked).toBeNull();
    expect(created(sf)[0]).toMatchObject({
      cargoDetails: [{ hsCode: '090210', currency: 'EUR', amount: 30 }],
    });
    expect(station.repos.audit.list(1)[0]).toMatchObject({
      who: '李主管',
      action: 'customs.fix',
      detail: { orderNo: 'XB-2', before: { products: { 'TEA-LJ-250': { hsCode: null } } } },
    });
  });

  it('dangerous goods are refused for a carrier that does not take them', async () => {
    packAndWeigh('XB-3', POWER, 345);
    await waitFor(() => station.state().feedback?.kind === 'customs-blocked', 5000, 'XB-3 blocked');
    expect(station.state().feedback!.params.problems).toBe(
      'PB-POWER is dangerous goods (UN3481): sf does not take it',
    );
  });

  it('goes to ShipEngine with customs items; its fake refuses a parcel abroad without them', async () => {
    await station.close();
    station = open({
      carriers: {
        default: 'shipengine',
        shipengine: { baseUrl: se.url, apiKey: 'se-key', carrierId: 'se-1', serviceCode: 'intl' },
      },
    });
    packAndWeigh('XB-1', MUG, 495);
    await waitFor(() => station.state().phase === 'labelling', 5000, 'XB-1 booked');
    const body = JSON.parse(se.calls.find((c) => c.path === '/v1/labels')!.body) as {
      shipment: Record<string, unknown>;
    };
    expect(body.shipment).toMatchObject({
      ship_to: { country_code: 'US' },
      ship_from: { country_code: 'CN' },
      customs: {
        contents: 'merchandise',
        non_delivery: 'return_to_sender',
        terms_of_trade_code: 'dap',
        customs_items: [
          {
            description: 'Ceramic mug',
            quantity: 1,
            value: { currency: 'usd', amount: 12.5 },
            harmonized_tariff_code: '69120010',
            country_of_origin: 'CN',
          },
        ],
      },
    });
    // The same label request without its customs: refused as ShipEngine refuses it.
    delete body.shipment.customs;
    body.shipment.external_shipment_id = 'no-customs';
    const r = await fetch(`${se.url}/v1/labels`, {
      method: 'POST',
      headers: { 'API-Key': 'se-key', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toContain(
      'shipment.customs: required for an international shipment',
    );
  });

  it('a domestic order is unchanged: no declaration asked, none sent', async () => {
    if (!station.people.packer) station.scan('U1001');
    station.scan('SO202611290008');
    station.scan('BOX-S');
    station.scan(MUG);
    station.scale.setWeight!(0);
    station.scale.setWeight!(492);
    await waitFor(() => station.state().phase === 'labelling', 5000, 'domestic booked');
    const [order] = created(sf);
    expect(order).not.toHaveProperty('customsInfo');
    expect(order!.cargoDetails).toEqual([{ name: '陶瓷马克杯', count: 1 }]);
    const jobs = station.repos.printJobs.forSession(station.state().box!.sessionId);
    expect(jobs.map((j) => j.kind)).toEqual(['label']);
  });

  it('a station stopped before the papers were queued draws them at its next start', async () => {
    packAndWeigh('XB-1', MUG, 495);
    await waitFor(() => station.state().phase === 'labelling', 5000, 'XB-1 booked');
    const session = station.state().box!.sessionId;
    await waitFor(() => station.repos.printJobs.forSession(session).length === 4, 5000, 'the papers');
    // As if they had never been queued: the station stops, its papers are gone.
    station.store.db.prepare("DELETE FROM print_jobs WHERE kind IN ('customs', 'invoice')").run();
    await station.close();
    station = open({
      carriers: { default: 'sf', sf: { baseUrl: sf.url, partnerId: 'PB-SF', checkWord: 'sf-check' } },
    });
    expect(station.state().box!.sessionId).toBe(session);
    await waitFor(() => station.repos.printJobs.forSession(session).length === 4, 5000, 'the papers again');
    expect(station.repos.printJobs.forSession(session).map((j) => j.kind)).toEqual([
      'label',
      'customs',
      'invoice',
      'invoice',
    ]);
  });
});
