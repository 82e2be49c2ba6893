import { afterAll, it } from 'vitest';
import { CapturePrinter } from '../electron/devices/printer';
import { tempDir } from '../electron/testing';
import { stationClient } from '../electron/testing/rpc';
import { printTable, summarize, type Figure } from './harness';
import { benchServer, benchStation } from './rig';

// Item-first (单件扫描) against order-first on the same single-item orders, through the RPC as the page sends them, with
// the virtual scale, a TCP capture printer and the waybill pool. The packer's hands are simulated with the same
// timings for both modes (not slept: added to the station's measured time), so the figure says what one scan fewer
// per box is worth on the floor, and that the station's part stays small in both.
const BOXES = Number(process.env.PACKBENCH_ITEM_FIRST_BOXES ?? 300);
/** Seconds a packer spends on each hand step: the same in both modes. */
const HANDS = {
  /** Find the order's paper (pick slip, tote label) among the goods and scan it: order-first only. */
  scanOrder: 2.5,
  /** Take one item and scan it. */
  scanItem: 2.0,
  /** Take a box or bag and scan its code. */
  scanBoxType: 1.5,
  /** Put the packed box on the scale. */
  onScale: 1.5,
  /** Peel the printed label, stick it on and scan it. */
  labelScan: 3.0,
};
const figures: Figure[] = [];
const lines: string[] = [];
const { dir, cleanup } = tempDir('packbench-bench-item-first-');
afterAll(() => {
  printTable(`Item-first vs order-first: ${BOXES} single-item boxes each, one bench`, figures);
  console.log(lines.join('\n') + '\n');
  cleanup();
});

async function shift(mode: 'order-first' | 'item-first') {
  const printer = new CapturePrinter('zpl');
  const port = await printer.start();
  const station = benchStation(dir, `IF-${mode}`, {
    printers: { label: { uri: `tcp://127.0.0.1:${port}`, language: 'zpl' } },
    pack: { mode },
  });
  station.repos.waybillPool.add(
    'demo',
    Array.from({ length: BOXES }, (_, i) => `PB28${String(1000000001 + i)}`),
    new Date().toISOString(),
  );
  const server = await benchServer(station);
  const rpc = stationClient(server.url);
  await rpc.ready;
  const orders = [
    'order_no,shop,sku,qty,receiver,phone,province,city,address,ordered_at',
    ...Array.from(
      { length: BOXES },
      (_, i) =>
        `IF-${i},店,TEA-LJ-250,1,收件人${i},1380000${String(i).padStart(4, '0')},浙江省,杭州市,西湖区 文三路 ${i} 号,2026-11-28 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
    ),
  ].join('\n');
  await rpc.call('import.file', {
    kind: 'orders',
    fileName: 'singles.csv',
    contentBase64: Buffer.from(orders).toString('base64'),
  });
  await rpc.call('scan.submit', { code: 'U1001' });
  // The demo's own single-item tea orders come first item-first (no order time): packed out of the way first.
  const system: number[] = [];
  const label: number[] = [];
  let packed = 0;
  for (let i = 0; packed < BOXES; i++) {
    const start = performance.now();
    await rpc.call('scale.setVirtual', { grams: 0 });
    if (mode === 'order-first') await rpc.call('scan.submit', { code: `IF-${packed}` });
    await rpc.call('scan.submit', { code: '6900012345004' });
    const opened = (await rpc.call('station.getState', {})) as { box?: { orderNo: string } };
    if (!opened.box) throw new Error(`${mode} box ${i}: nothing opened`);
    await rpc.call('scan.submit', { code: 'BOX-S' });
    const before = printer.jobs.length;
    const placed = performance.now();
    await rpc.call('scale.setVirtual', { grams: 421 });
    while (printer.jobs.length === before) await new Promise((r) => setImmediate(r));
    label.push(performance.now() - placed);
    printer.jobs.length = 0;
    const state = (await rpc.call('station.getState', {})) as { box?: { shipment?: { waybillNo: string } } };
    await rpc.call('scan.submit', { code: state.box!.shipment!.waybillNo });
    if (opened.box.orderNo.startsWith('IF-')) {
      system.push(performance.now() - start);
      packed++;
    }
  }
  rpc.close();
  await server.close();
  await station.close();
  await printer.stop();
  return { system, label };
}

it('the same single-item orders, order-first and item-first, side by side', async () => {
  const results = { 'order-first': await shift('order-first'), 'item-first': await shift('item-first') };
  for (const [mode, r] of Object.entries(results)) {
    figures.push(summarize(`${mode}: the station's time for one box (all its RPCs)`, r.system));
    figures.push(summarize(`${mode}: weight settled → label bytes at the printer`, r.label));
  }
  lines.push('mode          scans/box   hands s/box   station s/box (median)   boxes per minute');
  for (const [mode, r] of Object.entries(results)) {
    const hands =
      (mode === 'order-first' ? HANDS.scanOrder : 0) +
      HANDS.scanItem +
      HANDS.scanBoxType +
      HANDS.onScale +
      HANDS.labelScan;
    const station = [...r.system].sort((a, b) => a - b)[Math.floor(r.system.length / 2)]! / 1000;
    const scans = mode === 'order-first' ? 4 : 3;
    lines.push(
      `${mode.padEnd(12)}  ${String(scans).padStart(9)}   ${hands.toFixed(1).padStart(11)}   ${station.toFixed(3).padStart(22)}   ${(60 / (hands + station)).toFixed(1).padStart(16)}`,
    );
  }
  lines.push(`(hands per step, the same in both modes: ${JSON.stringify(HANDS)} s)`);
}, 600_000);
