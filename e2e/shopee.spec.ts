import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { shopeeOrderFixture, startShopeeFake, type ShopeeFake } from '../electron/carriers/fakes';
import { nextAction, rigPerTest, wedgeScan } from './rig';
import { expect, test } from './station';

// The seed's 虾皮 flow through the screens: orders pushed by Shopee, shipped through Shopee with its own document on
// the TCP printer, a cancellation pushed while the next box is open, then tracking: one parcel to 签收, one stuck.
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 768 } });

const bench = rigPerTest(test);
let shopee: ShopeeFake | null = null;
test.afterEach(async () => {
  await shopee?.close();
  shopee = null;
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** One box of one tea through the screens, closed by scanning Shopee's tracking number. */
async function packShopee(page: Page, orderSn: string): Promise<string> {
  for (const code of [orderSn, 'BOX-S', '6900012345004']) await wedgeScan(page, code);
  bench.rig.weigh(423, 300); // 280 g of tea + 140 g of box
  await expect(nextAction(page)).toHaveText('Stick the label on and scan it', { timeout: 15_000 });
  const tracking = shopee!.orders.get(orderSn)!.tracking_number!;
  await expect(page.getByTestId('waybill')).toContainText(tracking);
  await wedgeScan(page, tracking);
  await expect(page.getByRole('alert')).toContainText(`Box closed: ${orderSn} · ${tracking}`);
  bench.rig.weigh(0); // the box comes off the scale
  return tracking;
}

test('Shopee: pushed orders ship with Shopee’s document; a cancel stops the next box; tracking to 签收 and a stuck parcel', async ({
  page,
}) => {
  shopee = await startShopeeFake(2001234, 'shpk-key', 770001);
  const port = await freePort();
  const pushUrl = `http://127.0.0.1:${port}/hooks/shopee`;
  const station = await bench.start(
    bench.rig.config({
      platforms: {
        shopee: {
          baseUrl: shopee.url,
          partnerId: 2001234,
          partnerKey: 'shpk-key',
          shopId: 770001,
          accessToken: 'access-1',
          refreshToken: 'refresh-1',
          pushUrl,
        },
      },
      tracking: { stuckHours: 24 },
    }),
    ['--hooks', `127.0.0.1:${port}`],
  );
  await page.goto(station.url);
  await wedgeScan(page, 'U1001');
  // Orders arrive as Shopee pushes them (order status pushes; the bench reads each order's detail).
  const push = (sn: string, status: string) =>
    shopee!.push(pushUrl, {
      code: 3,
      shop_id: 770001,
      timestamp: Math.floor(Date.now() / 1000),
      data: { ordersn: sn, status },
    });
  for (const sn of ['2611300AAA', '2611300BBB', '2611300CCC']) {
    shopee.orders.set(sn, shopeeOrderFixture(sn));
    expect(await push(sn, 'READY_TO_SHIP')).toBe(200);
  }
  const signed = await packShopee(page, '2611300AAA');
  // The face sheet at the printer is Shopee's PDF, rasterised into ZPL.
  await expect.poll(() => bench.rig.printer.jobs.length, { timeout: 15_000 }).toBe(1);
  expect(bench.rig.printer.jobs[0]!.bytes.toString('latin1').startsWith('^XA')).toBe(true);
  const stuck = await packShopee(page, '2611300CCC');
  expect(shopee.shipped).toEqual(['2611300AAA', '2611300CCC']);

  // The next box is open when the buyer cancels: the bench turns red.
  await wedgeScan(page, '2611300BBB');
  await expect(page.getByTestId('order-no')).toHaveText('2611300BBB');
  const sent = Date.now();
  expect(await push('2611300BBB', 'IN_CANCEL')).toBe(200);
  await expect(page.getByRole('alert')).toContainText(
    'Intercepted: order 2611300BBB was stopped (Shopee IN_CANCEL)',
  );
  console.log(`Shopee cancel pushed → the bench red in ${Date.now() - sent} ms`);

  // Both parcels handed over; the carrier reports one signed for, the other silent for three days.
  await page.getByRole('link', { name: 'Handover' }).click();
  await page.getByLabel('Carrier').selectOption('shopee');
  await page.getByRole('button', { name: 'Open a batch' }).click();
  for (const t of [signed, stuck]) await wedgeScan(page, t);
  await page.getByRole('button', { name: 'Close batch and print the manifest' }).click();
  const now = Math.floor(Date.now() / 1000);
  shopee.tracking.set('2611300AAA', {
    logistics_status: 'LOGISTICS_DELIVERY_DONE',
    tracking_info: [
      { update_time: now - 7200, description: '快递员已揽收 Parcel picked up' },
      { update_time: now - 600, description: '已签收 Parcel delivered' },
    ],
  });
  shopee.tracking.set('2611300CCC', {
    logistics_status: 'LOGISTICS_PICKUP_DONE',
    tracking_info: [{ update_time: now - 3 * 86_400, description: '快递员已揽收 Parcel picked up' }],
  });
  await page.getByRole('button', { name: 'Ask the carriers now' }).click();
  const list = page.getByTestId('tracking-attention');
  await expect(list.locator(`tr[data-problem="stuck"]`)).toContainText('2611300CCC');
  await expect(list.locator('tr')).toHaveCount(1);
  await page.getByRole('link', { name: 'Orders' }).click();
  await page.getByLabel('Order no., receiver, waybill or tote').fill('2611300AAA');
  // The row of that order (the list filters as it is typed: another packed order may still be listed a moment).
  await page
    .getByRole('row')
    .filter({ hasText: '2611300AAA' })
    .getByRole('button', { name: 'Tracking' })
    .click();
  await expect(page.getByTestId('tracking-timeline')).toContainText('signed for');
  await expect(page.getByTestId('tracking-timeline')).toContainText('已签收 Parcel delivered');
});
