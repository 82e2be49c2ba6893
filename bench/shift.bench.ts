import { afterAll, it } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { CapturePrinter } from '../electron/devices/printer';
import { tempDir } from '../electron/testing';
import { stationClient } from '../electron/testing/rpc';
import { printTable, summarize, type Figure } from './harness';
import { benchServer, benchStation } from './rig';

// An 8-hour shift compressed: boxes packed back to back through the RPC, as the page sends them, against the
// virtual scale, a TCP capture printer and the waybill pool. Orders per second, the label after the last scan, and
// memory every 250 boxes (RSS of the process, JS heap after a full GC).
const BOXES = Number(process.env.PACKBENCH_SHIFT_BOXES ?? 3000);
const EVERY = Number(process.env.PACKBENCH_SHIFT_EVERY ?? 250);
const figures: Figure[] = [];
const memory: string[] = [];
const { dir, cleanup } = tempDir('packbench-bench-shift-');
afterAll(() => {
  printTable(
    `A shift of ${BOXES.toLocaleString('en')} boxes through the RPC (one bench, back to back)`,
    figures,
  );
  console.log(memory.join('\n') + '\n');
  cleanup();
});

const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number) => bytes / 1024 / 1024;

it(`${BOXES} boxes: order → box type → item → on the scale → label at the printer → label scan`, async () => {
  const printer = new CapturePrinter('zpl');
  const port = await printer.start();
  const station = benchStation(dir, 'SHIFT-01', {
    printers: { label: { uri: `tcp://127.0.0.1:${port}`, language: 'zpl' } },
  });
  const at = new Date().toISOString();
  station.repos.waybillPool.add(
    'demo',
    Array.from({ length: BOXES }, (_, i) => `PB27${String(1000000001 + i)}`),
    at,
  );
  const server = await benchServer(station);
  const rpc = stationClient(server.url);
  await rpc.ready;
  const orders = [
    'order_no,shop,sku,qty,receiver,phone,province,city,address',
    ...Array.from(
      { length: BOXES },
      (_, i) =>
        `SH-${i},店,TEA-LJ-250,1,收件人${i},1380000${String(i).padStart(4, '0')},浙江省,杭州市,西湖区 文三路 ${i} 号`,
    ),
  ].join('\n');
  await rpc.call('import.file', {
    kind: 'orders',
    fileName: 'shift.csv',
    contentBase64: Buffer.from(orders).toString('base64'),
  });
  await rpc.call('scan.submit', { code: 'U1001' });

  const label: number[] = [];
  const perBox: number[] = [];
  const sample = (box: number) => {
    gc?.();
    const m = process.memoryUsage();
    return {
      box,
      rss: mib(m.rss),
      heap: mib(getHeapStatistics().used_heap_size),
      committed: mib(m.heapTotal),
      external: mib(m.external),
    };
  };
  const samples = [sample(0)];
  const started = performance.now();
  for (let i = 0; i < BOXES; i++) {
    const boxStart = performance.now();
    await rpc.call('scale.setVirtual', { grams: 0 });
    await rpc.call('scan.submit', { code: `SH-${i}` });
    await rpc.call('scan.submit', { code: 'BOX-S' });
    await rpc.call('scan.submit', { code: '6900012345004' });
    // The box goes on the scale after its last item, as at a bench: the label follows the settled weight.
    const before = printer.jobs.length;
    const placed = performance.now();
    await rpc.call('scale.setVirtual', { grams: 421 });
    const deadline = Date.now() + 30_000;
    while (printer.jobs.length === before) {
      if (Date.now() > deadline)
        throw new Error(
          `box ${i}: no label in 30 s; state ${JSON.stringify(await rpc.call('station.getState', {}))}`,
        );
      await new Promise((r) => setImmediate(r));
    }
    label.push(performance.now() - placed);
    printer.jobs.length = 0; // the capture keeps nothing across boxes: only the station's memory is measured
    const state = (await rpc.call('station.getState', {})) as { box?: { shipment?: { waybillNo: string } } };
    const waybillNo = state.box?.shipment?.waybillNo;
    if (!waybillNo) throw new Error(`box ${i}: no waybill after its label; state ${JSON.stringify(state)}`);
    await rpc.call('scan.submit', { code: waybillNo });
    perBox.push(performance.now() - boxStart);
    if ((i + 1) % EVERY === 0 || i + 1 === BOXES) samples.push(sample(i + 1));
  }
  const seconds = (performance.now() - started) / 1000;
  const closed = station.store.db
    .prepare("SELECT count(*) AS n FROM events WHERE type = 'box.closed'")
    .get() as {
    n: number;
  };
  rpc.close();
  await server.close();
  await station.close();
  await printer.stop();

  figures.push(summarize('one box, order scan → closed by its label scan', perBox));
  figures.push(summarize('weight settled → label bytes at the printer', label));
  memory.push(
    `${closed.n} boxes closed in ${seconds.toFixed(1)} s: ${(BOXES / seconds).toFixed(1)} orders/s`,
    '',
    'boxes   RSS MiB   heap MiB (after GC)   heap committed MiB   external MiB',
    ...samples.map(
      (s) =>
        `${String(s.box).padStart(5)}   ${s.rss.toFixed(0).padStart(7)}   ${s.heap.toFixed(1).padStart(19)}   ${s.committed.toFixed(1).padStart(18)}   ${s.external.toFixed(1).padStart(12)}`,
    ),
  );
  // Growth after a warm-up of 500 boxes and of a third of the shift: a leak grows in both, a one-off step only in one.
  const last = samples.at(-1)!;
  const pct = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)} %`;
  for (const from of [Math.min(500, BOXES / 2), Math.round(BOXES / 3)]) {
    const warm = samples.find((s) => s.box >= from)!;
    memory.push(
      `growth from box ${warm.box} to ${last.box}: RSS ${pct(warm.rss, last.rss)}, heap ${pct(warm.heap, last.heap)}${gc ? '' : ' (no --expose-gc: heap not collected first)'}`,
    );
  }
});
