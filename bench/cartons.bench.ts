import { afterAll, it } from 'vitest';
import { CapturePrinter } from '../electron/devices/printer';
import { tempDir } from '../electron/testing';
import { stationClient } from '../electron/testing/rpc';
import { printTable, summarize, type Figure } from './harness';
import { benchServer, benchStation } from './rig';

// One order in 1, 2 and 4 cartons (一单多包), side by side, through the RPC as the page sends them, with the virtual
// scale, a TCP capture printer and the waybill pool: what the station spends per order, and from the last carton's
// weight to every carton's label at the printer (one booking, a face sheet per carton).
const ORDERS = Number(process.env.PACKBENCH_CARTON_ORDERS ?? 40);
const UNITS = 4;
const figures: Figure[] = [];
const { dir, cleanup } = tempDir('packbench-bench-cartons-');
afterAll(() => {
  printTable(`One order of ${UNITS} units in 1, 2 and 4 cartons: ${ORDERS} orders each`, figures);
  cleanup();
});

async function run(cartons: 1 | 2 | 4) {
  const printer = new CapturePrinter('zpl');
  const port = await printer.start();
  const station = benchStation(dir, `CT-${cartons}`, {
    printers: { label: { uri: `tcp://127.0.0.1:${port}`, language: 'zpl' } },
  });
  station.repos.waybillPool.add(
    'demo',
    Array.from({ length: ORDERS * cartons + 10 }, (_, i) => `PB29${String(1000000001 + i)}`),
    new Date().toISOString(),
  );
  const server = await benchServer(station);
  const rpc = stationClient(server.url);
  await rpc.ready;
  const orders = [
    'order_no,shop,sku,qty,receiver,phone,province,city,address',
    ...Array.from(
      { length: ORDERS },
      (_, i) =>
        `CT${cartons}-${i},店,TEA-LJ-250,${UNITS},收件人${i},13800000000,浙江省,杭州市,文三路 ${i} 号`,
    ),
  ].join('\n');
  await rpc.call('import.file', {
    kind: 'orders',
    fileName: 'cartons.csv',
    contentBase64: Buffer.from(orders).toString('base64'),
  });
  await rpc.call('scan.submit', { code: 'U1001' });
  const perCarton = UNITS / cartons;
  // A carton of k teas in a BOX-S: 280 g each and 140 g of box.
  const grams = perCarton * 280 + 140 + 3;
  const order: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const start = performance.now();
    await rpc.call('scan.submit', { code: `CT${cartons}-${i}` });
    const before = printer.jobs.length;
    let placed = 0;
    for (let c = 1; c <= cartons; c++) {
      await rpc.call('scan.submit', { code: 'BOX-S' });
      for (let u = 0; u < perCarton; u++) await rpc.call('scan.submit', { code: '6900012345004' });
      if (c < cartons) await rpc.call('scan.submit', { code: 'PB:NEWBOX' });
      await rpc.call('scale.setVirtual', { grams: 0 });
      if (c === cartons) placed = performance.now();
      await rpc.call('scale.setVirtual', { grams });
    }
    while (printer.jobs.length < before + cartons) await new Promise((r) => setImmediate(r));
    labels.push(performance.now() - placed);
    printer.jobs.length = 0;
    const state = (await rpc.call('station.getState', {})) as {
      box: { shipment: { waybillNo: string }; cartons: { waybillNo: string }[] };
    };
    const numbers =
      cartons === 1 ? [state.box.shipment.waybillNo] : state.box.cartons.map((c) => c.waybillNo);
    for (const n of numbers) await rpc.call('scan.submit', { code: n });
    order.push(performance.now() - start);
  }
  rpc.close();
  await server.close();
  await station.close();
  await printer.stop();
  figures.push(summarize(`${cartons} carton(s): the station's time for the order (all its RPCs)`, order));
  figures.push(
    summarize(`${cartons} carton(s): last weight settled → every carton's label at the printer`, labels),
  );
}

it('one order in 1, 2 and 4 cartons, side by side', async () => {
  await run(1);
  await run(2);
  await run(4);
}, 600_000);
