import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  startKdniaoFake,
  startSfFake,
  type FakeServer,
  type KdniaoFake,
  type SfFake,
} from '../electron/carriers/fakes';
import { nextAction, rigPerTest, screenshot, wedgeScan } from './rig';
import { expect, test } from './station';

// One order in several cartons (一单多包 / 子母件) through the screens, with the PTY scale, the TCP printer and the
// carriers' local fakes (which check the real signatures).
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 768 } });

const bench = rigPerTest(test);
let fake: FakeServer | null = null;
test.afterEach(async () => {
  await fake?.close();
  fake = null;
});

// SO202611290012 (旗舰店, so the brand flyer goes in too): 西湖龙井 ×1, 陶瓷马克杯 ×2, 积木套装 ×3.
const ORDER = 'SO202611290012';
const TEA = '6900012345004';
const MUG = '6900012345141';
const TOY = '6900012346896';
const FLYER = '6900012347039';

/** Carton 1: the tea and the mugs in a BOX-M (280 + 2 × 350 + 220 = 1200 g), sealed with the button, weighed. */
async function firstCarton(page: Page) {
  for (const code of ['U1001', ORDER, 'BOX-M', TEA, MUG, MUG]) await wedgeScan(page, code);
  await page.getByTestId('new-carton').click();
  await expect(page.getByRole('alert')).toContainText('Carton 1 closed: put it on the scale');
  await expect(nextAction(page)).toHaveText('Put carton 1 on the scale');
  // An item now is refused: the carton is on its way to the scale.
  await wedgeScan(page, TOY);
  await expect(page.getByRole('alert')).toContainText('Carton 1 waits for the scale');
  bench.rig.weigh(1205, 300);
  await expect(page.getByRole('alert')).toContainText('Carton 1 weight OK: 1205 g');
  await expect(nextAction(page)).toHaveText('Scan items');
  await expect(page.locator('[data-carton="1"]')).toHaveAttribute('data-state', 'weighed');
  bench.rig.weigh(0); // carton 1 lifted off
}

/** Carton 2: the toys and the flyer in a BOX-L (3 × 520 + 5 + 350 = 1915 g), by PB:NEWBOX-free completion. */
async function secondCarton(page: Page): Promise<[string, string]> {
  for (const code of ['BOX-L', TOY, TOY, TOY, FLYER]) await wedgeScan(page, code);
  await expect(nextAction(page)).toHaveText('Put carton 2 on the scale');
  await expect(page.getByTestId('still-missing')).toHaveCount(0);
  bench.rig.weigh(1910, 300);
  await expect(nextAction(page)).toHaveText('Label each carton and scan it (0/2)', {
    timeout: 15_000,
  });
  const numbers = await Promise.all(
    [1, 2].map(async (n) =>
      (await page.locator(`[data-carton="${n}"] .code`).textContent())!.replace(' · ', ''),
    ),
  );
  await expect.poll(() => bench.rig.printer.jobs.length, { timeout: 15_000 }).toBe(2);
  return numbers as [string, string];
}

/** Each carton's label closes it; the same carton twice is refused; the last one closes the order. */
async function closeByLabels(page: Page, [one, two]: [string, string]) {
  await wedgeScan(page, two);
  await expect(page.getByRole('alert')).toContainText('Label of carton 2/2 OK: 1 to go');
  await wedgeScan(page, two);
  await expect(page.getByRole('alert')).toContainText('Carton 2/2 was already scanned');
  await expect(nextAction(page)).toHaveText('Label each carton and scan it (1/2)');
  await wedgeScan(page, one);
  await expect(page.getByRole('alert')).toContainText(`Box closed: ${ORDER} · ${one}`);
}

test('SF 子母件: a 3-line order in 2 cartons, one booking (parcelQty 2), a label per carton; handover warns for the carton left', async ({
  page,
}) => {
  const sf: SfFake = await startSfFake('P-E2E', 'CW-E2E');
  fake = sf;
  const station = await bench.start(
    bench.rig.config({
      carriers: {
        default: 'sf',
        sf: { baseUrl: `${sf.url}/std/service`, partnerId: 'P-E2E', checkWord: 'CW-E2E' },
      },
    }),
  );
  await page.goto(station.url);
  await firstCarton(page);
  await screenshot(page, 'pack-cartons');
  const numbers = await secondCarton(page);
  // One booking with both parcels: SF answered the master (carton 1) and a child (carton 2).
  expect(sf.orders.size).toBe(1);
  const booked = [...sf.orders.values()][0]!;
  expect(numbers).toEqual([booked.waybillNo, booked.children[0]]);
  const create = sf.calls
    .map((c) => new URLSearchParams(c.body))
    .filter((f) => f.get('serviceCode') === 'EXP_RECE_CREATE_ORDER')
    .map((f) => JSON.parse(f.get('msgData')!) as { parcelQty: number; totalWeight: number });
  expect(create).toEqual([expect.objectContaining({ parcelQty: 2, totalWeight: 3.115 })]);
  await screenshot(page, 'pack-cartons-labelling');
  await closeByLabels(page, numbers);

  // 交接: carton 2 goes on the truck, carton 1 does not: the batch warns by order, the manifest lists it as not loaded.
  await page.getByRole('link', { name: 'Handover' }).click();
  await page.getByLabel('Carrier').selectOption('sf');
  await page.getByRole('button', { name: 'Open a batch' }).click();
  await wedgeScan(page, numbers[1]);
  await expect(page.getByTestId('handover-result')).toContainText(
    `Loaded ${numbers[1]}: carton 2/2 of ${ORDER} (1), 1 of its cartons still to load`,
  );
  await expect(page.getByTestId('missing-cartons')).toContainText(`${ORDER}: carton 1/2 (${numbers[0]})`);
  await screenshot(page, 'handover-carton-missing');
  await page.getByRole('button', { name: 'Close batch and print the manifest' }).click();
  await expect(page.getByTestId('manifest')).toContainText('Batch closed: 1 box.');
  const dir = join(bench.rig.dir, 'manifests');
  const csv = readFileSync(
    join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.csv'))!,
    ),
    'utf8',
  );
  expect(csv).toContain(`${numbers[1]},${ORDER},`);
  expect(csv).toContain(`${numbers[0]},${ORDER},MISSING,,1/2`);
});

test('the waybill pool: a number per carton', async ({ page }) => {
  const station = await bench.start(bench.rig.config());
  await page.goto(station.url);
  await firstCarton(page);
  const numbers = await secondCarton(page);
  expect(numbers[0]).not.toBe(numbers[1]);
  await closeByLabels(page, numbers);
});

test('KDNiao with a carrier without sub-waybills: a booking per carton, keyed by the carton', async ({
  page,
}) => {
  const kd: KdniaoFake = await startKdniaoFake('1234567', 'test-appkey');
  fake = kd;
  const station = await bench.start(
    bench.rig.config({
      carriers: {
        default: 'kdniao',
        kdniao: {
          baseUrl: `${kd.url}/api/EOrderService`,
          eBusinessId: '1234567',
          appKey: 'test-appkey',
          shipperCode: 'ZTO',
        },
      },
    }),
  );
  await page.goto(station.url);
  await firstCarton(page);
  const numbers = await secondCarton(page);
  expect(kd.bookings.map((b) => b.OrderCode.replace(/^.*-(C\d)$/, '$1'))).toEqual(['C1', 'C2']);
  expect(numbers).toEqual(kd.bookings.map((b) => b.LogisticCode));
  await closeByLabels(page, numbers);
});

test('the bench killed between the first and the second carton: it resumes with carton 1 weighed', async ({
  page,
}) => {
  let station = await bench.start(bench.rig.config());
  await page.goto(station.url);
  await firstCarton(page);
  await wedgeScan(page, TOY);
  station.child.kill('SIGKILL');
  await new Promise((r) => station.child.once('exit', r));
  station = await bench.start(bench.rig.config());
  await page.goto(station.url);
  await expect(page.getByTestId('order-no')).toHaveText(ORDER);
  await expect(page.locator('[data-carton="1"]')).toHaveAttribute('data-state', 'weighed');
  await expect(page.locator('[data-carton="2"]')).toContainText('积木套装 ×1');
  await expect(page.getByLabel('TOY-BLK-01 Scanned')).toHaveText('1');
  for (const code of ['BOX-L', TOY, TOY, FLYER]) await wedgeScan(page, code);
  bench.rig.weigh(1910, 300);
  await expect(nextAction(page)).toHaveText('Label each carton and scan it (0/2)', {
    timeout: 15_000,
  });
});
