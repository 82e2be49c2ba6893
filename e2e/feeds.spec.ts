import { createHmac } from 'node:crypto';
import { nextAction, rigPerTest, wedgeScan } from './rig';
import { expect, test } from './station';

// Orders without files: pushed to the bench's hook listener as a shop system signs them, packed through the screens
// with the PTY scale and the TCP printer; a refund pushed while the next box is open turns the bench red.
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 768 } });

const bench = rigPerTest(test);
const SECRET = 'whsec-e2e-0a1b2c3d';
const record = (orderNo: string, status = 'released') => ({
  orderNo,
  shop: '专营店',
  platform: 'web',
  status,
  receiver: {
    name: '陈静',
    phone: '13655556666',
    province: '四川省',
    city: '成都市',
    address: '天府大道 1000 号',
  },
  lines: [{ sku: 'TEA-LJ-250', name: '西湖龙井 250g', qty: 2 }],
});

async function push(hooks: string, orders: unknown[]): Promise<Record<string, unknown>> {
  const raw = JSON.stringify({ orders, next: null, more: false });
  const res = await fetch(`${hooks}/hooks/orders/shop`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Packbench-Signature': `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`,
    },
    body: raw,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

test('an order pushed is packed and labelled; a refund pushed while the next box is open turns the bench red', async ({
  page,
}) => {
  const station = await bench.start(
    bench.rig.config({ feeds: { orders: [{ name: 'shop', webhookSecret: SECRET }] } }),
    ['--hooks', '127.0.0.1:0'],
  );
  const hooks = station.hooks!;
  expect(await push(hooks, [record('PUSH-1'), record('PUSH-2')])).toMatchObject({ written: 2, refused: [] });
  await page.goto(station.url);
  for (const code of ['U1001', 'PUSH-1', 'BOX-S', '6900012345004', '6900012345004'])
    await wedgeScan(page, code);
  // 2 × 280 g + 140 g box = 700 g
  bench.rig.weigh(703, 300);
  await expect(nextAction(page)).toHaveText('Stick the label on and scan it', { timeout: 15_000 });
  const waybill = (await page.getByTestId('waybill').textContent())!.split(' ')[0]!;
  await expect.poll(() => bench.rig.printer.jobs.length, { timeout: 15_000 }).toBe(1);
  await wedgeScan(page, waybill);
  await expect(page.getByRole('alert')).toContainText(`Box closed: PUSH-1 · ${waybill}`);

  await wedgeScan(page, 'PUSH-2');
  await wedgeScan(page, '6900012345004');
  await expect(page.getByTestId('order-no')).toHaveText('PUSH-2');
  const sent = Date.now();
  await push(hooks, [record('PUSH-2', 'refunded')]);
  await expect(page.getByRole('alert')).toContainText('Intercepted: order PUSH-2 was stopped (refunded)');
  await expect(page.getByRole('alert')).toHaveAttribute('data-tone', 'wrong');
  console.log(`refund pushed → the bench red in ${Date.now() - sent} ms`);
  await expect(page.getByTestId('order-no')).toHaveCount(0);
  // The refunded order cannot be opened again.
  await wedgeScan(page, 'PUSH-2');
  await expect(page.getByRole('alert')).toHaveAttribute('data-tone', 'wrong');
});
