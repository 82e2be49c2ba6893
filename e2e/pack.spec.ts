import { stationClient } from '../electron/testing/rpc';
import { wedgeScan } from './rig';
import { expect, test } from './station';

test.use({ stationConfig: { station: { id: 'E2E-PACK', locale: 'en' }, demoData: true } });

test('a packer verifies an order by scanning only; a wrong item turns the screen red and is logged', async ({
  page,
  station,
}) => {
  await page.goto(station.url);
  await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Scan your badge');
  await wedgeScan(page, 'U1001');
  await expect(page.getByRole('alert')).toHaveText('Hello 张伟');
  await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Scan an order');

  await wedgeScan(page, 'SO202611290002');
  await expect(page.getByTestId('order-no')).toHaveText('SO202611290002');
  await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Scan items');

  await wedgeScan(page, '6900012345141'); // mug
  await expect(page.getByRole('alert')).toHaveAttribute('data-tone', 'ok');
  await expect(page.getByLabel('CUP-CER-01 Scanned')).toHaveText('1');

  await wedgeScan(page, '6900012345004'); // tea: not in this order
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-tone', 'wrong');
  await expect(alert).toContainText('Wrong item');
  await expect(alert).toHaveCSS('background-color', 'rgb(217, 45, 32)');

  await wedgeScan(page, '6900012345493'); // shirt 1/2
  await wedgeScan(page, '6900012345493'); // shirt 2/2
  await expect(page.getByRole('alert')).toHaveText(/All items verified/);
  await expect(page.getByRole('alert')).toHaveAttribute('data-tone', 'done');
  await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Put the box on the scale');

  await page.getByRole('link', { name: 'Mismatches' }).click();
  const row = page
    .getByRole('table', { name: 'Mismatches' })
    .getByRole('row')
    .filter({ hasText: 'TEA-LJ-250' });
  await expect(row).toContainText('wrong item');
  await expect(row).toContainText('SO202611290002');
  await expect(row).toContainText('张伟');
  await expect(row).toContainText('E2E-PACK');
});

test('a scan never lands in a focused text field; slow typing stays there', async ({ page, station }) => {
  await page.goto(`${station.url}#/mismatches`);
  const sku = page.getByRole('textbox', { name: 'SKU' });
  await sku.click();
  await page.keyboard.type('abc', { delay: 120 });
  await expect(sku).toHaveValue('abc');
  await wedgeScan(page, 'U1001');
  // The scan was taken (and went to the pack workflow), the field kept what the person typed.
  await expect(page.getByTestId('last-feedback')).toHaveText('Hello 张伟');
  await expect(sku).toHaveValue('abc');
  await expect(sku).toBeFocused();
});

test('a lead overrides a short box with the PIN pad and a reason', async ({ page, station }) => {
  await page.goto(station.url);
  await wedgeScan(page, 'U1001');
  await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Scan an order');
  await wedgeScan(page, 'SO202611290002');
  await expect(page.getByTestId('order-no')).toHaveText('SO202611290002');
  await page.getByRole('button', { name: 'Lead override' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lead override' });
  await dialog.getByLabel('Reason').selectOption('customer-agreed');
  await dialog.getByLabel('Shift lead').fill('L2001');
  for (const d of '2468') await dialog.getByRole('button', { name: d, exact: true }).click();
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('alert')).toHaveText('Approved by 李主管: customer agreed');
  await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Put the box on the scale');
});

test("a lead's badge scanned into the override dialog fills it and is not logged against the packer", async ({
  page,
  station,
}) => {
  await page.goto(station.url);
  await wedgeScan(page, 'U1001');
  await wedgeScan(page, 'SO202611290002');
  await expect(page.getByTestId('order-no')).toHaveText('SO202611290002');
  await page.getByRole('button', { name: 'Lead override' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lead override' });
  await wedgeScan(page, 'L2001');
  await expect(dialog.getByLabel('Shift lead')).toHaveValue('李主管');
  await expect(page.getByTestId('last-feedback')).toHaveText('Shift lead 李主管: enter the PIN');
  await dialog.getByLabel('Reason').selectOption('customer-agreed');
  for (const d of '2468') await dialog.getByRole('button', { name: d, exact: true }).click();
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('alert')).toHaveText('Approved by 李主管: customer agreed');
  // The badge never reached the pack workflow: the box's mismatches are the override's, none for the badge.
  await page.getByRole('link', { name: 'Mismatches' }).click();
  const rows = page.getByRole('row').filter({ hasText: 'SO202611290002' });
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'L2001' })).toHaveCount(0);
});

test('orders and products import from the Orders page, refused rows listed', async ({ page, station }) => {
  await page.goto(`${station.url}#/orders`);
  await page.getByLabel('Import orders (CSV or XLSX)').setInputFiles({
    name: 'orders.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('order_no,sku,qty\nNEW-1,TEA-LJ-250,2\nNEW-2,TEA-LJ-250,0\n'),
  });
  await expect(page.getByRole('status').last()).toContainText('line 3: quantity is 0: it must be at least 1');
  await page.getByLabel('Import orders (CSV or XLSX)').setInputFiles({
    name: 'orders.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('order_no,sku,qty\nNEW-1,TEA-LJ-250,2\n'),
  });
  await expect(page.getByRole('status').last()).toContainText('1 imported');
  // A file larger than one WebSocket message (1 MiB) goes over the upload endpoint; the station keeps serving.
  const rows = Array.from(
    { length: 3000 },
    (_, i) => `BIG-${i},TEA-LJ-250,1,${'龙井茶 明前特级 礼盒装 '.repeat(14)}`,
  );
  const big = Buffer.from(`order_no,sku,qty,name\n${rows.join('\n')}\n`);
  expect(big.length).toBeGreaterThan(1024 * 1024);
  await page.getByLabel('Import orders (CSV or XLSX)').setInputFiles({
    name: 'big.csv',
    mimeType: 'text/csv',
    buffer: big,
  });
  await expect(page.getByRole('status').last()).toContainText('3000 imported', { timeout: 20_000 });
  expect((await fetch(`${new URL(station.url).origin}/healthz`)).status).toBe(200);
});

test('Devices page: scan something shows the code and its symbology and packs nothing', async ({
  page,
  station,
}) => {
  await page.goto(`${station.url}#/devices`);
  await page.getByRole('button', { name: 'Start scan test' }).click();
  await wedgeScan(page, ']E06900012345141');
  await expect(page.getByTestId('test-code')).toHaveText('6900012345141');
  await expect(page.getByTestId('test-symbology')).toHaveText('ean13');
  await page.getByRole('button', { name: 'Stop scan test' }).click();
  await page.getByRole('link', { name: 'Pack' }).click();
  await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Scan your badge');
});

test("the lead's review reloads when mismatches change, not on every scan's state push", async ({
  page,
  station,
}) => {
  const lists: number[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      if (typeof f.payload === 'string' && f.payload.includes('"mismatch.list"')) lists.push(Date.now());
    }),
  );
  await page.goto(station.url);
  await wedgeScan(page, 'U1001');
  await wedgeScan(page, 'SO202611290002');
  await page.getByRole('link', { name: 'Mismatches' }).click();
  await expect(page.getByText('No mismatches')).toBeVisible();
  await page.waitForTimeout(1000);
  const before = lists.length;
  // Scans sent as a scanner would, exactly (typing could be cut on a loaded machine and read as an unknown code).
  const scanner = stationClient(station.url);
  await scanner.ready;
  try {
    // Three right items: three state pushes, no mismatch: the review does not ask again.
    for (const code of ['6900012345141', '6900012345493', '6900012345493'])
      await scanner.call('scan.submit', { code });
    await page.waitForTimeout(1500);
    expect(lists.length).toBe(before);
    // A refused scan writes a mismatch: the review shows it, having asked once or so.
    await scanner.call('scan.submit', { code: '6900012345004' });
  } finally {
    scanner.close();
  }
  await expect(
    page.getByRole('table', { name: 'Mismatches' }).getByRole('row').filter({ hasText: 'TEA-LJ-250' }),
  ).toBeVisible();
  expect(lists.length - before).toBeLessThanOrEqual(2);
});

test("the lead's pages turn by cursor: 30 mismatches, 25 then 5, and back to the same 25", async ({
  page,
  station,
}) => {
  const scanner = stationClient(station.url);
  await scanner.ready;
  try {
    await scanner.call('scan.submit', { code: 'U1001' });
    await scanner.call('scan.submit', { code: 'SO202611290002' });
    // Tea is not in this order: every scan of it is a wrong item, logged.
    for (let i = 0; i < 30; i++) await scanner.call('scan.submit', { code: '6900012345004' });
  } finally {
    scanner.close();
  }
  const lists: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      if (typeof f.payload === 'string' && f.payload.includes('"mismatch.list"')) lists.push(f.payload);
    }),
  );
  await page.goto(`${station.url}#/mismatches`);
  const rows = page
    .getByRole('table', { name: 'Mismatches' })
    .getByRole('row')
    .filter({ hasText: 'TEA-LJ-250' });
  await expect(page.getByText('30 mismatches')).toBeVisible();
  await expect(rows).toHaveCount(25);
  const first = await rows.first().textContent();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(rows).toHaveCount(5);
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await expect(page.getByText('30 mismatches')).toBeVisible();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toHaveText(first!);
  await expect(page.getByRole('button', { name: 'Previous' })).toBeDisabled();
  // The page asked from a row, and did not count again to turn it.
  const turn = lists.find((l) => l.includes('"after"'));
  expect(turn).toContain('"count":false');
  expect(lists.some((l) => l.includes('"offset"'))).toBe(false);
});
