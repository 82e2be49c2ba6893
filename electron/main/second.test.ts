import { expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow } from './testing/fakeElectron';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).fake.current.module);
vi.mock('electron-log/main', async () => ({ default: (await import('./testing/fakeElectron')).fakeLog }));
vi.mock('electron-updater', () => ({ default: { autoUpdater: {} } }));

it('a second start of the app quits at once: no station, no window (the first one is brought forward instead)', async () => {
  fake.current.app.singleInstance = false;
  await import('./index');
  fake.current.ready();
  await new Promise((r) => setTimeout(r, 200));
  expect(fake.current.app.quitCalls).toBe(1);
  expect(FakeBrowserWindow.all).toHaveLength(0);
  expect(fake.current.handlers.size).toBe(0);
});
