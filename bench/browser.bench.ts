import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import WebSocket from 'ws';
import { CapturePrinter } from '../electron/devices/printer';
import { openStore } from '../electron/store';
import { startServe } from '../electron/testing';
import { printTable, summarize, type Figure } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-browser-'));
const figures: Figure[] = [];
afterAll(() => {
  printTable(
    'The bench end to end (headless station, Debian Chromium, TCP capture printer, waybill pool)',
    figures,
  );
  rmSync(dir, { recursive: true, force: true });
});

async function serve(config: object): Promise<{ url: string; stop: () => void }> {
  const file = join(dir, `c-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(config));
  const { child, url } = await startServe(['--config', file]);
  return { url, stop: () => child.kill('SIGTERM') };
}

interface ScanTimes {
  /** Enter to the screen drawn with the scan's new state. */
  total: number;
  /** Enter to the state push arriving: the wedge, the socket both ways and the station's work. */
  station: number;
}

/** A wedge scan's Enter to the screen drawn with its new state, by the page's own performance marks. */
async function enterToScreen(page: Page, scan: () => Promise<void>): Promise<ScanTimes> {
  await page.evaluate(() => performance.clearMarks());
  await scan();
  const times = await page.waitForFunction(
    () => {
      const detected = performance.getEntriesByName('packbench:scan-detected').at(-1);
      const after = (name: string) =>
        performance.getEntriesByName(name).find((m) => detected && m.startTime > detected.startTime);
      const rendered = after('packbench:rendered');
      const received = after('packbench:state-received');
      return detected && rendered && received
        ? { total: rendered.startTime - detected.startTime, station: received.startTime - detected.startTime }
        : null;
    },
    undefined,
    { polling: 'raf' },
  );
  return (await times.jsonValue()) as ScanTimes;
}

it('keystroke burst → screen updated, and last scan → label bytes at the printer', async () => {
  const printer = new CapturePrinter('zpl');
  const port = await printer.start();
  const orders = [
    'order_no,shop,sku,qty,receiver,province,city',
    'BIG-1,店,TEA-LJ-250,9000,张三,浙江省,杭州市',
    ...Array.from({ length: 40 }, (_, i) => `ONE-${i},店,TEA-LJ-250,1,张三,浙江省,杭州市`),
  ].join('\n');
  const station = await serve({
    station: { id: 'BENCH-E2E', locale: 'en' },
    demoData: true,
    // The test rig's wedge thresholds (e2e/station.ts): on a loaded machine Playwright's 5 ms keystrokes can stall
    // past a real scanner's 60 ms gap, and the burst would read as typing.
    scan: { avgMsPerChar: 60, maxGapMs: 400 },
    database: { path: join(dir, 'b.db') },
    printers: { label: { uri: `tcp://127.0.0.1:${port}`, language: 'zpl' } },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(station.url);
    await page.getByTestId('station-id').filter({ hasNotText: '…' }).waitFor();
    const scan = async (code: string) => {
      await page.keyboard.type(code, { delay: 5 });
      await page.keyboard.press('Enter');
    };
    // Import through the contract (the Orders page does the same).
    const token = new URL(station.url).searchParams.get('token');
    const ws = new WebSocket(`ws://${new URL(station.url).host}/rpc?token=${token}`);
    await new Promise((r) => ws.once('open', r));
    const call = (method: string, params: unknown) =>
      new Promise<unknown>((res) => {
        const id = Math.random();
        ws.on('message', function on(d) {
          const m = JSON.parse(d.toString());
          if (m.id !== id) return;
          ws.off('message', on);
          res(m.result);
        });
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      });
    await call('import.file', {
      kind: 'orders',
      fileName: 'o.csv',
      contentBase64: Buffer.from(orders).toString('base64'),
    });
    await scan('U1001');
    await page.getByText('Scan an order').waitFor();
    await scan('BIG-1');
    await page.getByTestId('order-no').filter({ hasText: 'BIG-1' }).waitFor();

    // 1. Enter of a wedge burst → the new state rendered (performance marks in the page).
    const burst: number[] = [];
    for (let i = 0; i < 60; i++) {
      burst.push((await enterToScreen(page, () => scan('6900012345004'))).total);
    }
    figures.push(summarize('wedge burst: Enter → screen updated (browser marks)', burst));
    await call('box.hold', { reason: 'other' });

    // 2. Last item scan → ZPL bytes at the capture printer (verify, weigh, book from the pool, render, print).
    const label: number[] = [];
    for (let i = 0; i < 40; i++) {
      await call('scale.setVirtual', { grams: 0 });
      await call('scan.submit', { code: `ONE-${i}` });
      await call('scan.submit', { code: 'BOX-S' });
      await call('scale.setVirtual', { grams: 421 }); // a box already on the scale: weighed when the last item is in
      const before = printer.jobs.length;
      const start = performance.now();
      await call('scan.submit', { code: '6900012345004' });
      while (printer.jobs.length === before) await new Promise((r) => setImmediate(r));
      label.push(performance.now() - start);
      const state = (await call('station.getState', {})) as { box: { shipment: { waybillNo: string } } };
      await call('scan.submit', { code: state.box.shipment.waybillNo });
    }
    figures.push(summarize('last scan → label bytes at the printer (pool carrier)', label));
    ws.terminate();
  } finally {
    await browser.close();
    station.stop();
    await printer.stop();
  }
});

// The lead's page open on a year of mismatches while the packer scans: each scan's state push must not reload it.
const YEAR = Number(process.env.PACKBENCH_BROWSER_MISMATCHES ?? 1_000_000);

it(`scans with the Mismatches page open on ${YEAR.toLocaleString('en')} rows: Enter → screen updated`, async () => {
  const file = join(dir, 'year.db');
  const store = openStore(file);
  store.db.pragma('foreign_keys = OFF');
  const add = store.db.prepare(
    `INSERT INTO mismatches (session_id, seq, type, order_no, sku, code, expected, actual, packer, station_id, at)
     VALUES (?, 1, ?, ?, 'TEA-LJ-250', '6900012345004', 'CUP-CER-01', 'TEA-LJ-250', '张伟', 'B-01', ?)`,
  );
  const start = Date.UTC(2025, 11, 1);
  store.db.transaction(() => {
    for (let i = 0; i < YEAR; i++)
      add.run(
        `S-${i}`,
        i % 3 ? 'wrong-item' : 'weight',
        `SO${i}`,
        new Date(start + i * 30_000).toISOString(),
      );
  })();
  store.close();
  const station = await serve({
    station: { id: 'BENCH-YEAR', locale: 'zh-CN' },
    demoData: true,
    database: { path: file },
    scan: { avgMsPerChar: 60, maxGapMs: 400 },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(station.url);
    await page.getByTestId('station-id').filter({ hasNotText: '…' }).waitFor();
    const scan = async (code: string) => {
      await page.keyboard.type(code, { delay: 5 });
      await page.keyboard.press('Enter');
    };
    await scan('U1001');
    await scan('SO202611290002');
    await page.goto(`${station.url}#/mismatches`);
    await page.getByRole('table').getByRole('row').nth(5).waitFor();
    const times: ScanTimes[] = [];
    // The mug: right for this order up to its quantity, then over-scans (each a mismatch: the page reloads for those).
    for (let i = 0; i < 100; i++) {
      times.push(await enterToScreen(page, () => scan(i % 2 ? '6900012345141' : '6900012345493')));
    }
    const rows = YEAR.toLocaleString('en');
    figures.push(
      summarize(
        `Mismatches page open on ${rows} rows: Enter → screen updated`,
        times.map((s) => s.total),
      ),
      summarize(
        `  of which Enter → the scan's state push received`,
        times.map((s) => s.station),
      ),
    );
  } finally {
    await browser.close();
    station.stop();
  }
}, 600_000);
