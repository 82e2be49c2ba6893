import { expect, test } from './station';

test.describe('bench shell in the browser', () => {
  test('renders with the station id from the config and the device states', async ({ page, station }) => {
    await page.goto(station.url);
    await expect(page.getByTestId('station-id')).toHaveText('E2E-BENCH-7');
    await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Devices' }).getByRole('listitem')).toHaveCount(3);
    await expect(page.getByRole('status', { name: 'Next action' })).toHaveText('Scan your badge');
    await expect(page.getByText('connected', { exact: true })).toBeVisible();
  });

  test('every page is reachable from the navigation', async ({ page, station }) => {
    await page.goto(station.url);
    for (const [link, heading] of [
      ['Mismatches', 'Mismatches'],
      ['Orders', 'Orders'],
      ['Handover', 'Handover'],
      ['Devices', 'Devices'],
      ['Settings', 'Settings'],
      ['Pack', 'Pack'],
    ]) {
      await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    }
  });

  test('switches to Chinese from Settings, and stays Chinese after a reload', async ({ page, station }) => {
    await page.goto(`${station.url}#/settings`);
    await expect(page.getByTestId('station-id')).toHaveText('E2E-BENCH-7');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
    await expect(page.getByRole('link', { name: '打包' })).toBeVisible();
    // The choice is kept: a reload (or a restart) does not fall back to the configured English.
    await page.reload();
    await expect(page.getByTestId('station-id')).toHaveText('E2E-BENCH-7');
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
    await expect(page.getByRole('link', { name: '打包' })).toBeVisible();
  });

  test('without the token the page is refused', async ({ page, station }) => {
    const response = await page.goto(station.origin + '/');
    expect(response?.status()).toBe(401);
  });
});

test.describe('zh-CN bench', () => {
  test.use({ stationConfig: { station: { id: 'SZ-02', locale: 'zh-CN' } } });
  test('uses the configured locale', async ({ page, station }) => {
    await page.goto(station.url);
    await expect(page.getByRole('status', { name: '下一步' })).toHaveText('请扫描工牌');
    await expect(page.getByTestId('station-id')).toHaveText('SZ-02');
  });
});
