import { afterAll, it } from 'vitest';
import { startSfFake } from '../electron/carriers/fakes';
import { CapturePrinter } from '../electron/devices/printer';
import { tempDir } from '../electron/testing';
import { stationClient } from '../electron/testing/rpc';
import { printTable, summarize, type Figure } from './harness';
import { benchServer, benchStation } from './rig';

// 跨境 beside domestic, through the RPC as the page sends them, booked with the SF fake, labels to a TCP printer: what
// a declaration costs the station (check + SF cargo details) and from the weight to the labels at the printer (the
// face sheet, and for a parcel abroad its CN22 drawn from PDF). A domestic parcel must cost what it did.
const ORDERS = Number(process.env.PACKBENCH_CUSTOMS_ORDERS ?? 40);
const figures: Figure[] = [];
const { dir, cleanup } = tempDir('packbench-bench-customs-');
afterAll(() => {
  printTable(`Domestic and abroad, ${ORDERS} single-mug orders each, SF fake, ZPL at a TCP printer`, figures);
  cleanup();
});

async function run(kind: 'domestic' | 'abroad') {
  const sf = await startSfFake('P-B', 'CW-B');
  const printer = new CapturePrinter('zpl');
  const port = await printer.start();
  const station = benchStation(dir, `CU-${kind}`, {
    carriers: {
      default: 'sf',
      sf: { baseUrl: `${sf.url}/std/service`, partnerId: 'P-B', checkWord: 'CW-B' },
    },
    printers: { label: { uri: `tcp://127.0.0.1:${port}`, language: 'zpl' } },
  });
  const server = await benchServer(station);
  const rpc = stationClient(server.url);
  await rpc.ready;
  const importCsv = (k: 'orders' | 'products', text: string) =>
    rpc.call('import.file', {
      kind: k,
      fileName: `${k}.csv`,
      contentBase64: Buffer.from(text).toString('base64'),
    });
  await importCsv(
    'products',
    'sku,name,barcodes,unit_weight_g,hs_code,customs_name_en,origin_country\nCUP-CER-01,陶瓷马克杯,6900012345141,350,6912.00.10,Ceramic mug,CN\n',
  );
  await importCsv(
    'orders',
    [
      'order_no,sku,qty,receiver,phone,province,city,address,country,declared_value,currency',
      ...Array.from({ length: ORDERS }, (_, i) =>
        kind === 'abroad'
          ? `CU-${i},CUP-CER-01,1,John Smith,+1 212 555 0100,NY,New York,350 5th Ave,US,12.50,USD`
          : `CU-${i},CUP-CER-01,1,收件人${i},13800000000,浙江省,杭州市,文三路 ${i} 号,,,`,
      ),
    ].join('\n'),
  );
  await rpc.call('scan.submit', { code: 'U1001' });
  const order: number[] = [];
  const labels: number[] = [];
  const papers: number[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const start = performance.now();
    for (const code of [`CU-${i}`, 'BOX-S', '6900012345141']) await rpc.call('scan.submit', { code });
    await rpc.call('scale.setVirtual', { grams: 0 });
    const before = printer.jobs.length;
    const placed = performance.now();
    await rpc.call('scale.setVirtual', { grams: 493 });
    while (printer.jobs.length < before + 1) await new Promise((r) => setImmediate(r));
    labels.push(performance.now() - placed);
    if (kind === 'abroad') {
      while (printer.jobs.length < before + 2) await new Promise((r) => setImmediate(r));
      papers.push(performance.now() - placed);
    }
    printer.jobs.length = 0;
    const state = (await rpc.call('station.getState', {})) as { box: { shipment: { waybillNo: string } } };
    await rpc.call('scan.submit', { code: state.box.shipment.waybillNo });
    order.push(performance.now() - start);
  }
  rpc.close();
  await server.close();
  await station.close();
  await printer.stop();
  await sf.close();
  figures.push(
    summarize(`${kind}: the station's time for the order (all its RPCs, SF booking included)`, order),
  );
  figures.push(summarize(`${kind}: weight settled → face sheet at the printer`, labels));
  if (papers.length > 0) figures.push(summarize(`${kind}: weight settled → its CN22 at the printer`, papers));
}

it('domestic and abroad, side by side', async () => {
  await run('domestic');
  await run('abroad');
}, 600_000);
