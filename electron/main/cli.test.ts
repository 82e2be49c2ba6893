import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { tempDir, waitFor, writeJson } from '../testing';
import { cliArguments } from './cli';
import { fake, FakeBrowserWindow } from './testing/fakeElectron';

// `Packbench.exe --cli <command>`: the packbench command inside the installed app, against the recording stand-in for
// Electron (the binary cannot be downloaded here).
vi.mock('electron', async () => (await import('./testing/fakeElectron')).fake.current.module);
vi.mock('electron-log/main', async () => ({ default: (await import('./testing/fakeElectron')).fakeLog }));
vi.mock('electron-updater', () => ({ default: { autoUpdater: {} } }));

const { dir, cleanup } = tempDir();
const argv = process.argv;
afterAll(() => {
  process.argv = argv;
  cleanup();
});

it('reads the command after --cli, and nothing without it', () => {
  expect(cliArguments(['C:\\Packbench\\Packbench.exe', '--cli', 'db', 'backup', 'X.db'])).toEqual([
    'db',
    'backup',
    'X.db',
  ]);
  expect(cliArguments(['C:\\Packbench\\Packbench.exe'])).toBeNull();
  expect(cliArguments(['electron', '.', '--config', 'c.json'])).toBeNull();
});

it('runs the command with the CLI code, opens no window, takes no single-instance lock, exits with its code', async () => {
  const config = writeJson(join(dir, 'bench.json'), {
    station: { id: 'CLI-APP-1' },
    database: { path: 'b.db' },
  });
  const out: string[] = [];
  const said = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  let locks = 0;
  const lock = fake.current.app.requestSingleInstanceLock;
  fake.current.app.requestSingleInstanceLock = () => (locks++, lock());
  try {
    process.argv = ['C:\\Program Files\\Packbench\\Packbench.exe', '--cli', 'config', 'check', config];
    await import('./index');
    fake.current.ready();
    await waitFor(() => fake.current.app.exitCode !== null, 10_000, 'the app to exit');
  } finally {
    said.mockRestore();
  }
  expect(fake.current.app.exitCode).toBe(0);
  expect(out).toEqual([`ok: ${config}`]);
  expect(FakeBrowserWindow.all).toHaveLength(0);
  expect(locks).toBe(0);
});
