import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..');

/** Where the Electron binary would be; it is downloaded on first use and cannot be fetched on every machine. */
function electronBinary(): string | null {
  const dir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

test('Electron app opens the bench window with the station id', async () => {
  const binary = electronBinary();
  if (!binary) {
    const reason =
      'Electron binary not present in node_modules/electron/dist (its download needs GitHub, not reachable here)';
    console.log(`skipped: ${reason}`);
    test.skip(true, reason);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'packbench-electron-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ station: { id: 'ELECTRON-1', locale: 'en' } }));
  const app = await electron.launch({
    executablePath: binary,
    args: [repoRoot, '--config', config, `--user-data-dir=${join(dir, 'profile')}`],
    env: { ...process.env, PACKBENCH_HOME: join(dir, 'home') },
  });
  const window = await app.firstWindow();
  await expect(window.getByTestId('station-id')).toHaveText('ELECTRON-1');
  // The page has the bridge and nothing of Node.
  expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
    'undefined',
  );
  await app.close();
});
