import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSfFake, type SfFake } from '../electron/carriers/fakes';
import { importCsv, nextAction, rigPerTest, screenshot, wedgeScan } from './rig';
import { checkScreen, enteredData } from './screens';
import { expect, test } from './station';

// 跨境 through the screens: products and an order abroad imported with their customs columns, a declaration with no
// HS code blocks the box in red with its reason, a lead fixes it in the dialog (PIN) and the box books at once with
// SF (its fake refuses a parcel abroad without cargo details), the face sheet and the CN22 reach the TCP printer and
// the commercial invoices the A4 (PDF) printer.
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 768 } });

const bench = rigPerTest(test);
let sf: SfFake | null = null;
test.afterEach(async () => {
  await sf?.close();
  sf = null;
});

const MUG = '6900012345141';
const TEA = '6900012345004';
const PRODUCTS = `商品编码,商品名称,条码,单件重量(g),HS编码,申报品名(英文),申报品名(中文),原产国
CUP-CER-01,陶瓷马克杯,${MUG};6900099900011,350,6912.00.10,Ceramic mug,陶瓷马克杯,CN
TEA-LJ-250,西湖龙井 250g,${TEA},280,,Green tea,绿茶,CN
`;
const ORDERS = `订单号,店铺,商品编码,商品名称,数量,收货人,手机,省,市,区,详细地址,目的国,申报价值,币种,贸易条款,收件人税号
XB-1001,Global Store,CUP-CER-01,陶瓷马克杯,1,Anna Müller,+49 30 1234567,Berlin,Berlin,,Unter den Linden 1,DE,12.50,EUR,DDP,DE123456789
XB-1001,Global Store,TEA-LJ-250,西湖龙井 250g,1,Anna Müller,+49 30 1234567,Berlin,Berlin,,Unter den Linden 1,DE,30.00,EUR,DDP,DE123456789
`;

test('an order to Germany: blocked for its missing HS code, fixed by a lead at the bench, booked with SF and printed with its CN22 and invoices', async ({
  page,
}) => {
  sf = await startSfFake('P-E2E', 'CW-E2E');
  const invoices = join(bench.rig.dir, 'invoices');
  const station = await bench.start(
    bench.rig.config({
      carriers: {
        default: 'sf',
        sf: { baseUrl: `${sf.url}/std/service`, partnerId: 'P-E2E', checkWord: 'CW-E2E' },
      },
      printers: {
        label: { uri: `tcp://127.0.0.1:${bench.rig.printer.port}`, language: 'zpl' },
        slip: { uri: `file:${invoices}/`, language: 'pdf' },
      },
    }),
  );
  await page.goto(`${station.url}#/orders`);
  await importCsv(page, 'Import products (CSV or XLSX)', 'products.csv', PRODUCTS, '0 imported');
  await importCsv(page, 'Import orders (CSV or XLSX)', 'orders.csv', ORDERS, '1 imported');
  await page.getByRole('link', { name: 'Pack' }).click();

  // Mug + tea in a BOX-S: 350 + 280 + 140 = 770 g.
  for (const code of ['U1001', 'XB-1001', 'BOX-S', MUG, TEA]) await wedgeScan(page, code);
  bench.rig.weigh(772, 300);
  await expect(page.getByTestId('customs-blocked')).toHaveText(
    'Customs declaration blocks this box: TEA-LJ-250 has no HS code',
    { timeout: 15_000 },
  );
  expect(sf.calls.filter((c) => c.body.includes('EXP_RECE_CREATE_ORDER'))).toHaveLength(0);
  await screenshot(page, 'customs-blocked');

  await page.getByRole('button', { name: 'Fix customs data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Customs declaration of XB-1001' });
  await expect(dialog.getByTestId('customs-problems')).toHaveText('TEA-LJ-250 has no HS code');
  await dialog.getByTestId('customs-line-TEA-LJ-250').getByLabel('HS code').fill('0902.10');
  await dialog.getByLabel('Shift lead').fill('L2001');
  await screenshot(page, 'customs-fix');
  for (const d of '2468') await dialog.getByRole('button', { name: d, exact: true }).click();
  await dialog.getByRole('button', { name: 'Save and book' }).click();
  await expect(nextAction(page)).toHaveText('Stick the label on and scan it', { timeout: 15_000 });

  const create = sf.calls
    .map((c) => new URLSearchParams(c.body))
    .filter((f) => f.get('serviceCode') === 'EXP_RECE_CREATE_ORDER')
    .map((f) => JSON.parse(f.get('msgData')!) as { cargoDetails: unknown[] });
  expect(create).toEqual([
    expect.objectContaining({
      cargoDetails: [
        expect.objectContaining({ name: 'Ceramic mug', hsCode: '69120010', amount: 12.5, currency: 'EUR' }),
        expect.objectContaining({ name: 'Green tea', hsCode: '090210', amount: 30, currency: 'EUR' }),
      ],
    }),
  ]);
  // The face sheet and the CN22 at the label printer; two invoices at the A4 printer.
  await expect.poll(() => bench.rig.printer.jobs.length, { timeout: 15_000 }).toBe(2);
  await expect.poll(() => readdirSync(invoices).filter((f) => f.endsWith('.pdf')).length).toBe(2);
  const waybill = (await page.getByTestId('waybill').textContent())!.split(' ')[0]!;
  await wedgeScan(page, waybill);
  await expect(page.getByRole('alert')).toContainText(`Box closed: XB-1001 · ${waybill}`);
});

for (const lang of ['zh-CN', 'en'] as const)
  test(`${lang}: the blocked box and the fix dialog have no word of the other language and fit 1366×768`, async ({
    page,
  }) => {
    sf = await startSfFake('P-E2E', 'CW-E2E');
    const config = bench.rig.config({
      station: { id: 'E2E-BENCH', locale: lang },
      carriers: {
        default: 'sf',
        sf: { baseUrl: `${sf.url}/std/service`, partnerId: 'P-E2E', checkWord: 'CW-E2E' },
      },
    });
    const station = await bench.start(config);
    await page.goto(`${station.url}#/orders`);
    const upload = async (n: number, name: string, text: string, done: RegExp) => {
      await page
        .locator('input[type="file"]')
        .nth(n)
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await expect(page.getByRole('status').last()).toContainText(done);
    };
    await upload(0, 'products.csv', PRODUCTS, /2 updated|更新 2/);
    await upload(1, 'orders.csv', ORDERS, /1 imported|新增 1/);
    await page.goto(station.url);
    for (const code of ['U1001', 'XB-1001', 'BOX-S', MUG, TEA]) await wedgeScan(page, code);
    bench.rig.weigh(772, 300);
    await expect(page.getByTestId('customs-blocked')).toBeVisible({ timeout: 15_000 });
    // What people entered shows as entered in either language: the order, its SKUs, names, address, codes.
    const data = enteredData(config, [
      '张伟',
      'XB-1001',
      'TEA-LJ-250',
      'CUP-CER-01',
      'Global Store',
      'Anna Müller',
      'Berlin',
      'Unter den Linden 1',
      'Green tea',
      'Ceramic mug',
      'DE123456789',
      'EUR',
      'DE',
      'CN',
    ]);
    const problems = await checkScreen(page, `customs blocked ${lang}`, { lang, data, layout: 'pack' });
    await page.getByTestId('customs-blocked').locator('xpath=..').getByRole('button').first().click();
    await expect(page.getByTestId('customs-form')).toBeVisible();
    problems.push(...(await checkScreen(page, `customs dialog ${lang}`, { lang, data, layout: 'pack' })));
    expect(problems).toEqual([]);
    await screenshot(page, `customs-fix-${lang === 'zh-CN' ? 'zh-1366' : 'en'}`);
  });
