import { join } from 'node:path';
import { startKdniaoFake, type KdniaoFake } from '../electron/carriers/fakes';
import { pdfWords, popplerMissing } from '../electron/testing';
import { decodeGraphicField } from '../electron/labels';
import { BenchRig, nextAction, screenshot, wedgeScan } from './rig';
import { expect, startStation, stopStation, test, type RunningStation } from './station';

// The whole bench end to end, with real parts: serial scale over a PTY, TCP printer, waybill pool, KDNiao fake.
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 900 } });

let rig: BenchRig;
let station: RunningStation | null = null;
test.beforeEach(async () => {
  rig = new BenchRig();
  await rig.start();
});
test.afterEach(async () => {
  if (station) await stopStation(station);
  station = null;
  await rig.stop();
});

const ORDERS =
  'order_no,shop,sku,name,qty,receiver,phone,province,city,district,address\nE2E-1001,旗舰店,TEA-LJ-250,西湖龙井 250g,2,陈静,13655556666,四川省,成都市,武侯区,天府大道 1000 号\n';

test('happy path: import → scan → weigh → book → label at the printer → scan label → closed → handover manifest', async ({
  page,
}) => {
  station = await startStation(rig.config());
  await page.goto(station.url);
  await page.getByRole('link', { name: 'Orders' }).click();
  await page
    .getByLabel('Import orders (CSV or XLSX)')
    .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(ORDERS) });
  await expect(page.getByRole('status').last()).toContainText('1 imported');
  await page.getByRole('link', { name: 'Pack' }).click();

  await wedgeScan(page, 'U1001');
  await expect(nextAction(page)).toHaveText('Scan an order');
  await wedgeScan(page, 'E2E-1001');
  await expect(page.getByTestId('order-no')).toHaveText('E2E-1001');
  await wedgeScan(page, 'BOX-S');
  await wedgeScan(page, '6900012345004');
  await screenshot(page, 'pack-verifying');
  await wedgeScan(page, '6900012345004');
  // 旗舰店 boxes get the brand flyer: scan it in.
  await expect(page.getByText('品牌宣传页 brand flyer')).toBeVisible();
  await wedgeScan(page, '6900012347039');
  await expect(nextAction(page)).toHaveText('Put the box on the scale');
  // 2 × 280 g + 140 g box + 5 g flyer = 705 g
  rig.weigh(712, 300);
  await expect(page.getByTestId('weight-verdict')).toContainText('712 g · in tolerance');
  await expect(nextAction(page)).toHaveText('Stick the label on and scan it');
  const waybill = (await page.getByTestId('waybill').textContent())!.split(' ')[0]!;
  await expect(page.getByTestId('label-status')).toHaveText('printed');
  expect(rig.printer.jobs).toHaveLength(1);
  const zpl = rig.printer.jobs[0]!.bytes.toString('latin1');
  expect(zpl.startsWith('^XA')).toBe(true);
  expect(decodeGraphicField(zpl).width).toBe(800);
  await screenshot(page, 'pack-labelling');

  await wedgeScan(page, waybill);
  await expect(page.getByRole('alert')).toContainText(`Box closed: E2E-1001 · ${waybill}`);
  await expect(nextAction(page)).toHaveText('Scan an order');

  await page.getByRole('link', { name: 'Handover' }).click();
  await page.getByLabel('Carrier').selectOption('pool');
  await page.getByRole('button', { name: 'Open a batch' }).click();
  await wedgeScan(page, waybill);
  await expect(page.getByTestId('handover-result')).toContainText(`Loaded ${waybill} (1)`);
  await screenshot(page, 'handover');
  await page.getByRole('button', { name: 'Close batch and print the manifest' }).click();
  await expect(page.getByTestId('manifest')).toContainText('Batch closed: 1 box.');
  // The courier's copy came out of the label printer: the face sheet, then the label-size manifest.
  await expect.poll(() => rig.printer.jobs.length, { timeout: 15_000 }).toBe(2);
  expect(rig.printer.jobs[1]!.bytes.toString('latin1').startsWith('^XA')).toBe(true);
  // The manifest opens from the screen (no file paths shown), and every word on it has ink.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Open the manifest (PDF)' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(/^handover-1-pool-\d{4}-\d{2}-\d{2}\.pdf$/);
  const file = join(rig.dir, 'manifest.pdf');
  await pdf.saveAs(file);
  if (!popplerMissing()) {
    const words = pdfWords(file);
    expect(words.map((w) => w.text)).toContain(waybill);
    expect(words.filter((w) => w.ink === 0)).toEqual([]);
  }
});

test('printer off → the job waits → printer on → printed once', async ({ page }) => {
  station = await startStation(rig.config());
  await rig.printer.stop();
  await page.goto(station.url);
  for (const code of ['U1001', 'SO202611290001', 'BOX-S', '6900012345004', '6900012345004'])
    await wedgeScan(page, code);
  rig.weigh(703);
  await expect(nextAction(page)).toHaveText('Stick the label on and scan it');
  await expect(page.getByTestId('label-status')).toHaveText('waiting for the printer');
  await page.getByRole('link', { name: 'Devices' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'label printer · tcp://' })).toContainText(
    'disconnected',
  );
  await rig.printer.start();
  await page.getByRole('link', { name: 'Pack' }).click();
  await expect(page.getByTestId('label-status')).toHaveText('printed', { timeout: 15_000 });
  await page.waitForTimeout(500);
  expect(rig.printer.jobs).toHaveLength(1);
});

test('station killed mid-box → restarted → resumes where it was', async ({ page }) => {
  station = await startStation(rig.config());
  await page.goto(station.url);
  for (const code of ['U1001', 'SO202611290002', '6900012345141', '6900012345493'])
    await wedgeScan(page, code);
  await expect(page.getByLabel('TSH-BLK-M Scanned')).toHaveText('1');
  station.child.kill('SIGKILL');
  await new Promise((r) => station!.child.once('exit', r));
  station = await startStation(rig.config());
  await page.goto(station.url);
  await expect(page.getByTestId('order-no')).toHaveText('SO202611290002');
  await expect(page.getByLabel('CUP-CER-01 Scanned')).toHaveText('1');
  await expect(page.getByLabel('TSH-BLK-M Scanned')).toHaveText('1');
  await wedgeScan(page, '6900012345493');
  await expect(nextAction(page)).toHaveText('Put the box on the scale');
});

test.describe('with the KDNiao carrier (local HTTP fake checking DataSign)', () => {
  let fake: KdniaoFake;
  test.beforeEach(async () => {
    fake = await startKdniaoFake('1234567', 'test-appkey');
  });
  test.afterEach(() => fake.close());
  const kdniaoBench = () =>
    rig.config({
      carriers: {
        default: 'kdniao',
        kdniao: {
          baseUrl: `${fake.url}/api/EOrderService`,
          eBusinessId: '1234567',
          appKey: 'test-appkey',
          shipperCode: 'ZTO',
        },
      },
    });

  test('books through KDNiao and shows the carrier’s 大头笔 on the screen and the label', async ({
    page,
  }) => {
    station = await startStation(kdniaoBench());
    await page.goto(station.url);
    for (const code of ['U1001', 'SO202611290001', 'BOX-S', '6900012345004', '6900012345004'])
      await wedgeScan(page, code);
    rig.weigh(699);
    await expect(page.getByTestId('waybill')).toContainText('731000000001 成都转 武侯');
    await expect(page.getByTestId('carrier')).toContainText('KDNiao');
    expect(fake.orders.size).toBe(1);
    await expect(page.getByTestId('label-status')).toHaveText('printed');
  });

  test('a waybill the carrier hands out twice is set aside, said in words, and a lead books again', async ({
    page,
  }) => {
    station = await startStation(kdniaoBench());
    await page.goto(station.url);
    for (const code of ['U1001', 'SO202611290001', 'BOX-S', '6900012345004', '6900012345004'])
      await wedgeScan(page, code);
    rig.weigh(699);
    await expect(page.getByTestId('waybill')).toContainText('731000000001');
    await wedgeScan(page, '731000000001');
    await expect(nextAction(page)).toHaveText('Scan an order');
    fake.restart(); // a sandbox that starts its numbers again
    rig.weigh(0);
    for (const code of ['SO202611290002', 'BOX-S', '6900012345141', '6900012345493', '6900012345493'])
      await wedgeScan(page, code);
    rig.weigh(912);
    await expect(page.getByTestId('carrier')).toContainText('needs a lead');
    await expect(page.getByTestId('booking-attention')).toContainText('could not be recorded');
    await expect(page.getByRole('alert')).toContainText('gave waybill 731000000001, which shipment 1');
    await page.getByRole('button', { name: 'Book again (new key)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Book again (new key)' });
    await dialog.getByLabel('Shift lead').fill('李主管');
    for (const d of '2468') await dialog.getByRole('button', { name: d, exact: true }).click();
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByTestId('waybill')).toContainText('731000000002');
    expect(fake.cancelled).toHaveLength(1);
  });
});

test('screens for the README: mismatches, devices, settings, orders (zh-CN)', async ({ page }) => {
  station = await startStation(rig.config({ station: { id: 'SZ-BENCH-03', locale: 'zh-CN' } }));
  await page.goto(station.url);
  for (const code of [
    'U1001',
    'SO202611290002',
    '6900012345004',
    '0000000',
    '6900012345141',
    '6900012345141',
  ])
    await wedgeScan(page, code);
  await expect(page.getByRole('alert')).toHaveAttribute('data-tone', 'over');
  await screenshot(page, 'pack-over-scan-zh');
  for (const [link, name] of [
    ['异常', 'mismatches-zh'],
    ['设备', 'devices-zh'],
    ['设置', 'settings-zh'],
    ['订单', 'orders-zh'],
  ] as const) {
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
    await page.waitForTimeout(300);
    await screenshot(page, name);
  }
});
