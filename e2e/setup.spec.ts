import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rigPerTest } from './rig';
import { expect, test } from './station';

// IT sets a bench's devices up on the Devices page (issue 22): a real scale emulator on a PTY, the TCP capture printer,
// and the choice written to the config file the bench started from.
test.describe.configure({ mode: 'serial' });

const bench = rigPerTest(test);

test('finds the scale on a port, shows its weight, prints a test label and an admin saves both to the config file', async ({
  page,
}) => {
  // The bench itself starts on the virtual scale: the port is free for IT to try.
  const station = await bench.start({ ...bench.rig.config(), scale: { kind: 'virtual' }, printers: {} });
  const configFile = join(station.dir, 'config.json');
  await page.goto(`${station.url}#/devices`);
  await page.getByRole('button', { name: 'List what this PC has' }).click();
  await expect(page.getByText(`Saving writes ${configFile} (the old file is kept)`)).toBeVisible();

  await page.getByLabel('Scale port').fill(bench.rig.scalePort);
  await page.getByRole('button', { name: 'Find the scale' }).click();
  await expect(page.getByTestId('setup-message')).toHaveText('The scale answers in toledo-continuous', {
    timeout: 20_000,
  });
  await expect(page.getByLabel('Protocol')).toHaveValue('toledo-continuous');
  bench.rig.weigh(1250);
  await page.getByRole('button', { name: 'Show the weight' }).click();
  await expect(page.getByTestId('setup-reading')).toHaveText('1250 g', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Stop' }).click();

  await page
    .getByLabel('Label printer (tcp://, serial:, spooler:)')
    .fill(`tcp://127.0.0.1:${bench.rig.printer.port}`);
  await page.getByRole('button', { name: 'Print a test label' }).click();
  await expect(page.getByTestId('setup-message')).toHaveText('Test label sent');
  expect(bench.rig.printer.jobs).toHaveLength(1);

  await page.getByRole('button', { name: 'Save to the config file (admin)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save to the config file (admin)' });
  await dialog.getByLabel('Shift lead').fill('A9001');
  for (const d of '9999') await dialog.getByRole('button', { name: d, exact: true }).click();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('setup-message')).toContainText(`Saved to ${configFile}`);
  const written = JSON.parse(readFileSync(configFile, 'utf8'));
  expect(written.scale).toEqual({ kind: 'serial', port: bench.rig.scalePort, protocol: 'toledo-continuous' });
  expect(written.printers.label).toEqual({
    uri: `tcp://127.0.0.1:${bench.rig.printer.port}`,
    language: 'zpl',
  });
  expect(written.station.id).toBe('E2E-BENCH');
});

test('the move of an older database is offered on screen (a running bench answers that it has its own)', async ({
  page,
}) => {
  const station = await bench.start({
    ...bench.rig.config(),
    scale: { kind: 'virtual' },
    station: { id: 'E2E-ADOPT', locale: 'en' },
  });
  await page.goto(`${station.url}#/adopt`);
  // No station yet on that screen: it speaks the PC's language (this browser's: English).
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    "This bench's database is still in a Windows user's folder",
  );
  await page.getByLabel('Shift lead').fill('L2001');
  for (const d of '2468') await page.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: 'Move it' }).click();
  await expect(page.getByTestId('adopt-message')).toHaveText(
    'This bench already has its database: nothing to move',
  );
});
