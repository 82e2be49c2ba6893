import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKdniaoFake, type KdniaoFake } from '../../carriers/fakes';
import { ConfigSchema, EMBEDDED_DEFAULT, type ConfigInput } from '../../config';
import { CapturePrinter } from '../../devices/printer';
import { decodeGraphicField } from '../../labels';
import { silentLog } from '../../log';
import { tempDir, waitFor } from '../../testing';
import { Station } from '..';
import { signBody } from '../notices';

let dir: string;
let cleanup: () => void;
let station: Station;
let printer: CapturePrinter;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  printer = new CapturePrinter('zpl');
  await printer.start();
});
afterEach(async () => {
  await station?.close();
  await printer.stop();
  cleanup();
});

const open = (extra: Partial<ConfigInput> = {}) =>
  new Station({
    loaded: {
      config: ConfigSchema.parse({
        ...EMBEDDED_DEFAULT,
        station: { id: 'SH-1' },
        printers: { label: { uri: `tcp://127.0.0.1:${printer.port}`, language: 'zpl' } },
        ...extra,
      }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 't',
    log: silentLog,
  });

/** Verified and weighed in tolerance: 1 mug + 2 shirts in a BOX-S (910 g expected). */
function packAndWeigh(s: Station) {
  if (!s.people.packer) s.scan('U1001');
  s.scan('SO202611290002');
  s.scan('BOX-S');
  for (const c of ['6900012345141', '6900012345493', '6900012345493']) s.scan(c);
  s.scale.setWeight!(0);
  s.scale.setWeight!(912);
}

describe('booking, label and closing with the waybill pool', () => {
  it('books, prints the label at the printer, refuses a swapped label and closes on the right one', async () => {
    station = open();
    packAndWeigh(station);
    await waitFor(() => station.state().phase === 'labelling', 5000, 'booked');
    const box = station.state().box!;
    expect(box.shipment).toMatchObject({ carrier: 'pool', status: 'booked', waybillNo: 'PB261129000001' });
    await waitFor(() => station.state().box?.shipment?.label === 'done', 5000, 'label printed');
    expect(printer.jobs).toHaveLength(1);
    const zpl = printer.jobs[0]!.bytes.toString('latin1');
    expect(zpl.startsWith('^XA^CI28^PW800^LL1200')).toBe(true);
    expect(decodeGraphicField(zpl).height).toBe(1200);

    expect(station.scan('PB261129009999')).toMatchObject({ tone: 'wrong', kind: 'label-mismatch' });
    expect(station.state().phase).toBe('labelling');
    expect(
      station.store.db.prepare("SELECT expected, actual FROM mismatches WHERE type = 'label-mismatch'").get(),
    ).toEqual({ expected: 'PB261129000001', actual: 'PB261129009999' });

    expect(station.scan('PB261129000001')).toMatchObject({ tone: 'done', kind: 'box-closed' });
    expect(station.state()).toMatchObject({ phase: 'idle', box: null });
    expect(
      station.store.db
        .prepare("SELECT status, packed_by FROM orders WHERE order_no = 'SO202611290002'")
        .get(),
    ).toEqual({ status: 'packed', packed_by: '张伟' });
    expect(station.store.db.prepare('SELECT waybill_no FROM shipments').pluck().all()).toEqual([
      'PB261129000001',
    ]);
  });

  it('the packing slip prints as soon as the box is booked, without a restart', async () => {
    const slips = new CapturePrinter('escpos');
    await slips.start();
    try {
      station = open({
        printers: {
          label: { uri: `tcp://127.0.0.1:${printer.port}`, language: 'zpl' },
          slip: { uri: `tcp://127.0.0.1:${slips.port}`, language: 'escpos' },
        },
      });
      packAndWeigh(station);
      await waitFor(() => slips.jobs.length === 1, 5000, 'the slip printed');
      const waybill = station.state().box!.shipment!.waybillNo!;
      expect(slips.jobs[0]!.bytes.includes(Buffer.from(waybill, 'latin1'))).toBe(true);
      expect(station.repos.printJobs.recent(5).map((j) => [j.kind, j.status])).toContainEqual([
        'slip',
        'done',
      ]);
    } finally {
      await slips.stop();
    }
  });

  it('a printer that is off keeps the job queued; after a restart with the printer on it prints exactly once', async () => {
    await printer.stop();
    station = open();
    packAndWeigh(station);
    await waitFor(() => station.state().phase === 'labelling', 5000, 'booked');
    await waitFor(() => (station.repos.printJobs.recent(1)[0]?.attempts ?? 0) >= 1, 5000, 'a failed attempt');
    expect(station.state().box!.shipment!.label).toBe('queued');
    expect(station.devices.list().find((d) => d.id === 'printer:label')?.state).toBe('disconnected');
    await station.close();
    await printer.start();
    station = open();
    await waitFor(() => printer.jobs.length >= 1, 8000, 'printed after restart');
    await new Promise((r) => setTimeout(r, 700));
    expect(printer.jobs).toHaveLength(1);
    expect(station.state().box!.shipment!.label).toBe('done');
  });

  it('a reprint needs a reason and prints one more copy, logged', async () => {
    station = open();
    packAndWeigh(station);
    await waitFor(() => station.state().box?.shipment?.label === 'done', 5000, 'printed');
    expect(await station.call('printer.reprint', { reason: 'label-damaged' })).toEqual({
      ok: true,
      result: { ok: true },
    });
    await waitFor(() => printer.jobs.length === 2, 5000, 'reprinted');
    expect(station.repos.printJobs.recent(1)[0]).toMatchObject({
      reason: 'label-damaged',
      requested_by: '张伟',
      status: 'done',
    });
  });
});

describe('booking with KDNiao (local fake) when the line stalls', () => {
  let fake: KdniaoFake;
  beforeEach(async () => {
    fake = await startKdniaoFake('1234567', 'k');
  });
  afterEach(() => fake.close());

  it('shows "checking with the carrier", then resolves to the one booking by resending the same key', async () => {
    fake.fault = 'stall-after-commit';
    fake.stallMs = 1500;
    station = open({
      carriers: {
        default: 'kdniao',
        timeoutMs: 500,
        kdniao: {
          baseUrl: `${fake.url}/api/EOrderService`,
          eBusinessId: '1234567',
          appKey: 'k',
          shipperCode: 'ZTO',
        },
      } as ConfigInput['carriers'],
      printers: { label: { uri: `tcp://127.0.0.1:${printer.port}`, language: 'zpl' } },
    });
    // Only KDNiao and the pool are set up; a price table makes KDNiao the choice.
    packAndWeigh(station);
    await waitFor(() => station.state().box?.shipment?.status === 'unknown', 5000, 'unknown');
    expect(station.state().feedback).toMatchObject({ kind: 'booking-unknown' });
    fake.fault = 'none';
    await waitFor(() => station.state().phase === 'labelling', 8000, 'resolved');
    expect(fake.orders.size).toBe(1);
    expect(station.state().box!.shipment!.waybillNo).toBe('731000000001');
    expect(station.store.db.prepare('SELECT count(*) FROM shipments').pluck().get()).toBe(1);
  });
});

describe('ship notice', () => {
  it('is POSTed once with an HMAC signature and idempotency key, retried after a failure', async () => {
    const received: { body: string; signature: string; key: string }[] = [];
    let fail = 1;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (fail-- > 0) return void res.writeHead(503).end();
        received.push({
          body,
          signature: String(req.headers['x-packbench-signature']),
          key: String(req.headers['idempotency-key']),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      station = open({
        notify: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, secret: 's3cret' },
      });
      packAndWeigh(station);
      await waitFor(() => station.state().phase === 'labelling', 5000, 'booked');
      station.scan(station.state().box!.shipment!.waybillNo!);
      await station.outbox.flush();
      station.store.db.prepare("UPDATE outbox SET next_at = '2000-01-01'").run();
      await station.outbox.flush();
      expect(received).toHaveLength(1);
      const body = JSON.parse(received[0]!.body);
      expect(body).toMatchObject({
        orderNo: 'SO202611290002',
        carrier: 'pool',
        waybillNo: 'PB261129000001',
        weightGrams: 912,
      });
      expect(received[0]!.signature).toBe(signBody(received[0]!.body, 's3cret'));
      await station.outbox.flush();
      expect(received).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});

describe('a lead changes the carrier after booking', () => {
  it('cancels at the first carrier, then books the other with a new key; the pool number is never reissued', async () => {
    const { startSfFake } = await import('../../carriers/fakes');
    const sf = await startSfFake('PB', 'cw');
    try {
      station = open({
        carriers: {
          default: 'pool',
          sf: { baseUrl: `${sf.url}/std/service`, partnerId: 'PB', checkWord: 'cw' },
        } as ConfigInput['carriers'],
      });
      packAndWeigh(station);
      await waitFor(() => station.state().phase === 'labelling', 5000, 'booked with the pool');
      expect(
        await station.call('box.rebook', {
          carrier: 'sf',
          lead: '张伟',
          pin: '1234',
          reason: 'customer wants SF',
        }),
      ).toMatchObject({ ok: false, error: { code: 'refused' } });
      const r = await station.call('box.rebook', {
        carrier: 'sf',
        lead: '李主管',
        pin: '2468',
        reason: 'customer wants SF',
      });
      expect(r).toMatchObject({ ok: true, result: { kind: 'booked' } });
      expect(station.state().box!.shipment).toMatchObject({ carrier: 'sf', waybillNo: 'SF1400000000001' });
      expect(
        station.store.db
          .prepare(
            'SELECT carrier, status, substr(idempotency_key, -2) AS attempt FROM shipments ORDER BY id',
          )
          .all(),
      ).toEqual([
        { carrier: 'pool', status: 'cancelled', attempt: '-1' },
        { carrier: 'sf', status: 'booked', attempt: '-2' },
      ]);
      expect(
        station.store.db
          .prepare("SELECT status FROM waybill_pool WHERE waybill_no = 'PB261129000001'")
          .pluck()
          .get(),
      ).toBe('used');
      expect(sf.orders.size).toBe(1);
    } finally {
      await sf.close();
    }
  });
});
