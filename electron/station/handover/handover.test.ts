import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../../config';
import { silentLog } from '../../log';
import { pdfWords, popplerMissing, tempDir, waitFor } from '../../testing';
import { writeManifest } from './manifest';
import { Station } from '..';

let dir: string;
let cleanup: () => void;
let station: Station;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  station = new Station({
    loaded: {
      config: ConfigSchema.parse({
        ...EMBEDDED_DEFAULT,
        station: { id: 'HO-1' },
        printers: { label: { uri: `file:${join(dir, 'labels')}/`, language: 'zpl' } },
        // Set up so a batch can be opened for it; never called here.
        carriers: {
          sf: { baseUrl: 'http://127.0.0.1:9/std/service', partnerId: 'P', checkWord: 'c' },
        },
      }),
      source: { kind: 'default', path: null },
      databasePath: join(dir, 'bench.db'),
    },
    version: 't',
    log: silentLog,
  });
});
afterEach(async () => {
  await station.close();
  cleanup();
});

async function packAndClose(order: string, codes: string[], grams: number): Promise<string> {
  if (!station.people.packer) station.scan('U1001');
  station.scan(order);
  station.scan('BOX-S');
  for (const c of codes) station.scan(c);
  station.scale.setWeight!(0);
  station.scale.setWeight!(grams);
  await waitFor(() => station.state().phase === 'labelling', 5000, 'booked');
  const waybill = station.state().box!.shipment!.waybillNo!;
  station.scan(waybill);
  return waybill;
}

it('scan-to-load onto a carrier batch, warnings for strangers, manifest PDF + CSV, daily counts', async () => {
  const a = await packAndClose('SO202611290002', ['6900012345141', '6900012345493', '6900012345493'], 912);
  const b = await packAndClose('SO202611290001', ['6900012345004', '6900012345004'], 702);
  expect(await station.call('handover.open', { carrier: 'pool' })).toMatchObject({ ok: true });
  // The page says it shows Handover; from then on the station's router sends every scan to the batch.
  await station.call('screen.show', { page: 'handover', dialog: null });
  const scan = async (code: string) =>
    ((await station.call('scan.submit', { code })) as { result: { kind: string; params: object } }).result;
  expect(await scan(a)).toMatchObject({ kind: 'handover-added', params: { count: 1 } });
  expect(await scan(a)).toMatchObject({ kind: 'handover-duplicate' });
  expect(await scan('NOT-A-LABEL')).toMatchObject({ kind: 'handover-unlabelled' });
  expect(await scan(b)).toMatchObject({ kind: 'handover-added', params: { count: 2 } });
  const closed = (await station.call('handover.close', undefined)) as {
    result: { count: number; pdf: string; csv: string };
  };
  expect(closed.result.count).toBe(2);
  expect(readFileSync(closed.result.pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const csv = readFileSync(closed.result.csv, 'utf8');
  expect(csv).toContain(`${a},SO202611290002,912,`);
  expect(csv).toContain('TOTAL 2 boxes,2 orders,1614,,');
  // The courier's copy on the bench's label printer too: one label-size manifest, queued like a label, printed.
  const manifests = station.repos.printJobs.recent(10).filter((j) => j.kind === 'manifest');
  expect(manifests).toHaveLength(1);
  await waitFor(
    () => station.repos.printJobs.byId(manifests[0]!.id)?.status === 'done',
    5000,
    'manifest printed',
  );
  const today = new Date().toISOString().slice(0, 10);
  expect(await station.call('handover.daily', { from: today, to: today })).toEqual({
    ok: true,
    result: [{ day: today, carrier: 'pool', boxes: 2, orders: 2, weightG: 1614 }],
  });
  expect(existsSync(join(dir, 'labels'))).toBe(true);
});

it('a box of another carrier, or one not closed yet, is not loaded', async () => {
  const a = await packAndClose('SO202611290002', ['6900012345141', '6900012345493', '6900012345493'], 912);
  expect(await station.call('handover.open', { carrier: 'ems' })).toMatchObject({
    ok: false,
    error: { message: 'carrier ems is not set up at this bench (it has: pool, sf)' },
  });
  await station.call('handover.open', { carrier: 'sf' });
  // One open batch at a time: another carrier waits until this one is closed.
  expect(await station.call('handover.open', { carrier: 'pool' })).toMatchObject({
    ok: false,
    error: { message: 'batch 1 for sf is still open: close it before opening one for pool' },
  });
  await station.call('screen.show', { page: 'handover', dialog: null });
  expect(await station.call('scan.submit', { code: a })).toMatchObject({
    result: { kind: 'handover-other-carrier', params: { carrier: 'pool' } },
  });
});

it('a box booked and labelled but not closed (its label not scanned at the bench) is not loaded', async () => {
  if (!station.people.packer) station.scan('U1001');
  for (const c of ['SO202611290001', 'BOX-S', '6900012345004', '6900012345004']) station.scan(c);
  station.scale.setWeight!(0);
  station.scale.setWeight!(702);
  await waitFor(() => station.state().phase === 'labelling', 5000, 'booked');
  const waybill = station.state().box!.shipment!.waybillNo!;
  await station.call('handover.open', { carrier: 'pool' });
  await station.call('screen.show', { page: 'handover', dialog: null });
  expect(await station.call('scan.submit', { code: waybill })).toMatchObject({
    ok: true,
    result: { kind: 'handover-not-closed', params: { orderNo: 'SO202611290001' } },
  });
  expect((await station.handovers.current())!.lines).toEqual([]);
});

it('the manifest a courier signs has ink on every word (rendered with pdftoppm, words from pdftotext -bbox)', async (ctx) => {
  if (popplerMissing()) return ctx.skip();
  const lines = [
    { waybillNo: 'ZT7700001001', orderNo: 'SO202611290001', weightG: 702, scannedAt: '2026-11-30T02:00:00Z' },
    { waybillNo: 'SF1400000002', orderNo: 'SO202611290002', weightG: 912, scannedAt: '2026-11-30T02:01:00Z' },
  ];
  const m = await writeManifest(
    dir,
    { id: 7, carrier: 'zto', lines },
    'B-01',
    new Date('2026-11-30T02:05:00Z'),
    '李主管',
  );
  const words = pdfWords(m.pdf);
  expect(words.map((w) => w.text)).toEqual(expect.arrayContaining(['ZT7700001001', 'SO202611290002', '912']));
  expect(words.filter((w) => w.ink === 0)).toEqual([]);
});
