import { importCsv, nextAction, rigPerTest, screenshot, wedgeScan } from './rig';
import { expect, test } from './station';

// Item-first packing (单件扫描) through the screens, with the real scale over a PTY and the TCP capture printer.
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 768 } });

const bench = rigPerTest(test);

const SKUS = [
  { sku: 'CAP-E', name: '棒球帽', code: '6904000000017' },
  { sku: 'MUG-E', name: 'Enamel mug', code: '6904000000024' },
  { sku: 'PEN-E', name: '中性笔', code: '6904000000031' },
];
const PRODUCTS = `sku,name,barcodes,unit_weight_g\n${SKUS.map((s) => `${s.sku},${s.name},${s.code},120`).join('\n')}\n`;
const at = (minute: number) => `2026-11-29 08:${String(minute).padStart(2, '0')}:00`;

/**
 * 20 single-item orders of 3 SKUs, written newest first (the order time decides, not the file), and for each SKU a
 * held one, a two-unit one and a two-line one that are older than all of them and must be skipped.
 */
function ordersFile(): { csv: string; expected: Record<string, string[]> } {
  const rows: string[] = [];
  const expected: Record<string, string[]> = {};
  for (let i = 19; i >= 0; i--) {
    const s = SKUS[i % 3]!;
    const no = `ONE-${String(i).padStart(2, '0')}`;
    rows.push(`${no},店,${s.sku},1,${at(10 + i)},`);
    (expected[s.sku] ??= []).unshift(no);
  }
  for (const s of SKUS) {
    rows.push(`HELD-${s.sku},店,${s.sku},1,${at(0)},待客审`);
    rows.push(`TWO-${s.sku},店,${s.sku},2,${at(1)},`);
    rows.push(`MIX-${s.sku},店,${s.sku},1,${at(2)},`, `MIX-${s.sku},店,TEA-LJ-250,1,${at(2)},`);
  }
  return { csv: `order_no,shop,sku,qty,ordered_at,status\n${rows.join('\n')}\n`, expected };
}

test('one item scan per order: the single-item orders fill oldest first; held, two-unit and two-line ones are skipped; none left is refused in red', async ({
  page,
}) => {
  const station = await bench.start(bench.rig.config({ pack: { mode: 'item-first' } }));
  await page.goto(`${station.url}#/orders`);
  const { csv, expected } = ordersFile();
  await importCsv(page, 'Import products (CSV or XLSX)', 'products.csv', PRODUCTS, '3 imported');
  await importCsv(page, 'Import orders (CSV or XLSX)', 'orders.csv', csv, '29 imported');
  await page.getByRole('link', { name: 'Pack' }).click();
  await expect(page.getByTestId('pack-mode')).toHaveText('Mode: Item first');

  await wedgeScan(page, 'U1001');
  await expect(nextAction(page)).toHaveText('Scan an item');

  // The first order all the way: item → box type → scale → label at the printer → label scanned → closed.
  const cap = SKUS[0]!;
  const first = expected[cap.sku]!.shift()!;
  await wedgeScan(page, cap.code);
  await expect(page.getByRole('alert')).toContainText(`棒球帽 ✓ → order ${first}`);
  await expect(page.getByTestId('order-no')).toHaveText(first);
  await expect(nextAction(page)).toHaveText('Put the box on the scale');
  await screenshot(page, 'pack-item-first');
  await wedgeScan(page, 'BAG-S'); // 15 g: 120 + 15 = 135 g expected
  bench.rig.weigh(137, 200);
  await expect(nextAction(page)).toHaveText('Stick the label on and scan it');
  await expect(page.getByTestId('label-status')).toHaveText('printed');
  expect(bench.rig.printer.jobs).toHaveLength(1);
  const waybill = (await page.getByTestId('waybill').textContent())!.split(' ')[0]!;
  await wedgeScan(page, waybill);
  await expect(page.getByRole('alert')).toContainText(`Box closed: ${first}`);
  bench.rig.weigh(0);
  await expect(nextAction(page)).toHaveText('Scan an item');

  // The other 19, one scan each (each box set aside by its command barcode to keep the test short), SKUs mixed.
  const turns = SKUS.flatMap((sku, k) =>
    expected[sku.sku]!.map((orderNo, i) => ({ s: sku, orderNo, turn: i * 3 + k })),
  ).sort((x, y) => x.turn - y.turn);
  for (const { s, orderNo } of turns) {
    await wedgeScan(page, s.code);
    await expect(page.getByTestId('order-no')).toHaveText(orderNo);
    await wedgeScan(page, 'PB:HOLD:other');
    await expect(nextAction(page)).toHaveText('Scan an item');
  }

  // Nothing left for any of them: red, its sound's tone, and a row for the lead.
  for (const s of SKUS) {
    await wedgeScan(page, s.code);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`No single-item order waiting for ${s.name}`);
    await expect(alert).toHaveAttribute('data-tone', 'wrong');
  }
  await page.getByRole('link', { name: 'Mismatches' }).click();
  const rows = page
    .getByRole('table', { name: 'Mismatches' })
    .getByRole('row')
    .filter({ hasText: 'item with no order' });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'PEN-E' })).toContainText('张伟');
});

test('the command sheet prints the mode barcodes; scanning one switches the bench and the page says so', async ({
  page,
}) => {
  const station = await bench.start(bench.rig.config());
  await page.goto(`${station.url}#/settings`);
  await expect(page.getByRole('img', { name: 'PB:MODE:ITEM' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'PB:MODE:ORDER' })).toBeVisible();
  await page.getByRole('link', { name: 'Pack' }).click();
  await wedgeScan(page, 'U1001');
  await expect(page.getByTestId('pack-mode')).toHaveText('Mode: Order first');
  await wedgeScan(page, 'PB:MODE:ITEM');
  await expect(page.getByRole('alert')).toContainText('Packing mode: Item first');
  await expect(page.getByTestId('pack-mode')).toHaveText('Mode: Item first');
  await expect(nextAction(page)).toHaveText('Scan an item');
});
