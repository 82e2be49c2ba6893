import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { IPC_CALL } from '../../shared/contract';
import { tempDir, waitFor, writeJson } from '../testing';
import { callFromWindow, fake, fakeLog, FakeBrowserWindow } from './testing/fakeElectron';

// The bench as an appliance (`station.kiosk`), against the recording stand-in for Electron.
vi.mock('electron', async () => (await import('./testing/fakeElectron')).fake.current.module);
vi.mock('electron-log/main', async () => ({ default: (await import('./testing/fakeElectron')).fakeLog }));
vi.mock('electron-updater', () => ({ default: { autoUpdater: {} } }));

let dir: string;
let cleanup: () => void;
let win: FakeBrowserWindow;
const argv = process.argv;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const config = writeJson(join(dir, 'bench.json'), {
    station: { id: 'KIOSK-1', kiosk: true },
    database: { path: 'bench.db' },
    demoData: true,
    printers: { label: { uri: `file:${join(dir, 'labels')}/` } },
  });
  fake.current.app.userData = join(dir, 'userData');
  process.argv = [...argv, `--config=${config}`];
  await import('./index');
  fake.current.ready();
  win = await waitFor(() => FakeBrowserWindow.all[0], 5000, 'the bench window');
  await waitFor(() => fake.current.handlers.has(IPC_CALL), 5000, 'the IPC handler');
});
afterAll(() => {
  process.argv = argv;
  cleanup();
});

const call = (method: string, params?: unknown) => callFromWindow(win)(method, params);

/** What closing the window or quitting the app does now: prevented or not. */
const attempt = (target: { emit: (e: string, ...a: unknown[]) => unknown }, event: string) => {
  let prevented = false;
  target.emit(event, { preventDefault: () => (prevented = true) });
  return prevented;
};

it('runs full screen as a kiosk, keeps crash dumps local and rotates its log by size', async () => {
  expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, minWidth: 1024 });
  expect(fake.current.crashReports).toEqual([{ uploadToServer: false }]);
  expect(fakeLog.transports.file.maxSize).toBe(5 * 1024 * 1024);
  expect(await call('station.info')).toMatchObject({ result: { kiosk: true, desktop: true } });
});

it('the window cannot be closed nor the app quit without an admin; the packer is told how', async () => {
  expect(attempt(win, 'close')).toBe(true);
  expect(attempt(fake.current.app, 'before-quit')).toBe(true);
  const state = (await call('station.getState')).result as { feedback: { kind: string } };
  expect(state.feedback).toMatchObject({ kind: 'quit-needs-admin' });
  expect(await call('app.quit', { admin: '张伟', pin: '1234' })).toMatchObject({
    ok: false,
    error: { message: expect.stringMatching(/shift lead/) },
  });
  expect(await call('app.quit', { admin: '李主管', pin: '2468' })).toMatchObject({
    ok: false,
    error: { message: 'leaving Packbench here needs an admin and PIN' },
  });
  expect(fake.current.app.quitCalls).toBe(0);
  expect(await call('app.quit', { admin: 'A9001', pin: '9999' })).toMatchObject({ ok: true });
  expect(fake.current.app.quitCalls).toBe(1);
  expect(attempt(win, 'close')).toBe(false);
});

it('a crash restarts the app and counts it', () => {
  expect(fakeLog.errorHandler.options).toMatchObject({ showDialog: false });
  fakeLog.errorHandler.options!.onError!({ error: new Error('boom') });
  fakeLog.errorHandler.options!.onError!({ error: new Error('boom again') });
  expect(fake.current.app.relaunches).toBe(2);
  expect(fake.current.app.exitCode).toBe(1);
  expect(JSON.parse(readFileSync(join(dir, 'userData', 'crashes.json'), 'utf8'))).toMatchObject({ count: 2 });
});
