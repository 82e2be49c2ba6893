import type { Page } from '@playwright/test';
import { BenchRig, wedgeScan } from './rig';
import { expect, startStation, stopStation, test, type RunningStation } from './station';

async function verifyOrder(page: Page) {
  await wedgeScan(page, 'U1001');
  await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Scan an order');
  await wedgeScan(page, 'SO202611290002');
  await expect(page.getByTestId('order-no')).toHaveText('SO202611290002');
  await wedgeScan(page, 'BOX-S');
  for (const code of ['6900012345141', '6900012345493', '6900012345493']) await wedgeScan(page, code);
  await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Put the box on the scale');
  await expect(page.getByTestId('expected-weight')).toContainText('910 g ± 50 g');
}

test.describe('weighing through a serial scale emulator (yaohua, no stability flag)', () => {
  let rig: BenchRig;
  let station: RunningStation;
  test.beforeEach(async () => {
    rig = new BenchRig('yaohua');
    await rig.start();
    station = await startStation(rig.config({ station: { id: 'E2E-SCALE', locale: 'en' } }));
  });
  test.afterEach(async () => {
    await stopStation(station);
    await rig.stop();
  });

  test('in tolerance: the live weight shows, the verdict is OK and the box moves on', async ({ page }) => {
    await page.goto(station.url);
    await verifyOrder(page);
    rig.weigh(925, 300);
    await expect(page.getByTestId('live-weight')).toHaveText('925 g');
    await expect(page.getByTestId('weight-verdict')).toContainText('925 g · in tolerance (+15 g)');
    await expect(page.getByRole('status', { name: 'Next action' })).toHaveText(
      'Stick the label on and scan it',
    );
  });

  test('out of tolerance: red, logged, and a lead overrides with PIN and reason', async ({ page }) => {
    await page.goto(station.url);
    await verifyOrder(page);
    rig.weigh(1300);
    await expect(page.getByRole('alert')).toHaveAttribute('data-tone', 'wrong');
    await expect(page.getByRole('alert')).toContainText('Too heavy: 1300 g');
    await expect(page.getByRole('status', { name: 'Next action' })).toHaveText(
      'Weigh again, or ask the lead',
    );
    await page.getByRole('button', { name: 'Lead override' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lead override' });
    await dialog.getByLabel('Reason').selectOption('data-error');
    await dialog.getByLabel('Shift lead').fill('李主管');
    for (const d of '2468') await dialog.getByRole('button', { name: d, exact: true }).click();
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('alert')).toHaveText('Weight 1300 g approved by 李主管: order data error');
    await expect(page.getByRole('status', { name: 'Next action' })).toHaveText(
      'Stick the label on and scan it',
    );
    await page.getByRole('link', { name: 'Mismatches' }).click();
    await expect(
      page.getByRole('table', { name: 'Mismatches' }).getByRole('row').filter({ hasText: '1300 g (+390 g)' }),
    ).toContainText('910 g ± 50 g');
  });
});

test.describe('virtual scale', () => {
  test.use({ stationConfig: { station: { id: 'E2E-VIRTUAL', locale: 'en' }, demoData: true } });
  test('is set from the Pack page (training)', async ({ page, station }) => {
    await page.goto(station.url);
    await verifyOrder(page);
    await page.getByLabel('Virtual scale weight (g)').fill('900');
    await page.getByRole('button', { name: 'Put on scale' }).click();
    await expect(page.getByTestId('weight-verdict')).toContainText('900 g · in tolerance');
  });
});
