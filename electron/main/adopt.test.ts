import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { IPC_CALL } from '../../shared/contract';
import { openStore } from '../store';
import { tempDir, waitFor } from '../testing';
import { callFromWindow, fake, FakeBrowserWindow } from './testing/fakeElectron';

// The installed bench's first start on Windows (per-machine install) with only a user's older database: the window
// offers the move to a shift lead instead of starting a second database. Against the stand-in for Electron; the
// platform and the exe are those of an installed bench for the time of the start.
vi.mock('electron', async () => (await import('./testing/fakeElectron')).fake.current.module);
vi.mock('electron-log/main', async () => ({ default: (await import('./testing/fakeElectron')).fakeLog }));
vi.mock('electron-updater', () => ({ default: { autoUpdater: {} } }));

const { dir, cleanup } = tempDir();
const saved = { platform: process.platform, execPath: process.execPath, env: { ...process.env } };
const older = join(dir, 'ad', 'Packbench', 'packbench.db');
let win: FakeBrowserWindow;

beforeAll(async () => {
  mkdirSync(dirname(older), { recursive: true });
  const store = openStore(older);
  store.repos.users.add({ name: '李主管', role: 'lead', badge: 'L2001', pin: '2468' });
  store.close();
  await import('./index');
  Object.defineProperty(process, 'platform', { value: 'win32' });
  process.execPath = 'C:\\Program Files\\Packbench\\Packbench.exe';
  delete process.env.PACKBENCH_HOME;
  delete process.env.PACKBENCH_CONFIG;
  Object.assign(process.env, {
    ProgramFiles: 'C:\\Program Files',
    ProgramData: join(dir, 'pd'),
    APPDATA: join(dir, 'ad'),
  });
  fake.current.ready();
  win = await waitFor(() => FakeBrowserWindow.all[0], 5000, 'the window');
  await waitFor(() => fake.current.handlers.has(IPC_CALL), 5000, 'the IPC handler');
});
afterAll(() => {
  Object.defineProperty(process, 'platform', { value: saved.platform });
  process.execPath = saved.execPath;
  process.env = saved.env;
  cleanup();
});

const call = (method: string, params?: unknown) => callFromWindow(win)(method, params);

it('offers the move on screen, to a shift lead of that database, then starts again on the moved database', async () => {
  expect(win.loaded).toMatch(/renderer\/index\.html#\/adopt$/);
  expect(fake.current.errorBoxes).toEqual([]);
  expect(await call('station.info')).toMatchObject({ ok: false });
  expect(await call('database.adopt', { lead: '李主管', pin: '0000' })).toMatchObject({
    ok: false,
    error: { message: 'a shift lead of the older database, with the right PIN, is needed to move it' },
  });
  const moved = await call('database.adopt', { lead: 'L2001', pin: '2468' });
  const to = join(dir, 'pd', 'Packbench', 'data', 'packbench.db');
  expect(moved).toMatchObject({ ok: true, result: { from: older, to } });
  expect(existsSync(to)).toBe(true);
  expect(existsSync(older)).toBe(false);
  await waitFor(() => fake.current.app.relaunches === 1, 5000, 'the app to start again');
  expect(fake.current.app.exitCode).toBe(0);
});
