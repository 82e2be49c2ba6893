import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_UPLOAD } from '../../shared/contract';
import { contentSecurityPolicy } from '../../shared/security';
import { tempDir, waitFor, writeJson } from '../testing';
import { fake, FakeBrowserWindow } from './testing/fakeElectron';

// The Electron binary cannot be downloaded here: the main process runs against a recording stand-in instead. The real
// `_electron` end-to-end test still runs where the binary exists (e2e/electron.spec.ts).
vi.mock('electron', async () => (await import('./testing/fakeElectron')).fake.current.module);
vi.mock('electron-log/main', async () => ({ default: (await import('./testing/fakeElectron')).fakeLog }));
const updater = vi.hoisted(() => ({ feeds: [] as unknown[], checks: 0 }));
vi.mock('electron-updater', () => ({
  default: {
    autoUpdater: {
      logger: null,
      setFeedURL: (f: unknown) => updater.feeds.push(f),
      checkForUpdatesAndNotify: async () => void updater.checks++,
    },
  },
}));

let dir: string;
let cleanup: () => void;
let win: FakeBrowserWindow;
const argv = process.argv;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const config = writeJson(join(dir, 'bench.json'), {
    station: { id: 'MAIN-1' },
    database: { path: 'bench.db' },
    demoData: true,
    printers: { label: { uri: `file:${join(dir, 'labels')}/` } },
  });
  process.argv = [...argv, `--config=${config}`];
  process.env.PACKBENCH_UPDATE_URL = 'http://updates.invalid/packbench/';
  await import('./index');
  fake.current.ready();
  win = await waitFor(() => FakeBrowserWindow.all[0], 5000, 'the bench window');
  await waitFor(() => fake.current.handlers.has(IPC_CALL), 5000, 'the IPC handler');
});
afterAll(() => {
  process.argv = argv;
  delete process.env.PACKBENCH_UPDATE_URL;
  cleanup();
});

const ourFrame = () => win.webContents.mainFrame;
const call = (method: string, params?: unknown, frame: { url: string } = ourFrame()) =>
  fake.current.handlers.get(IPC_CALL)!(
    { senderFrame: frame, sender: { mainFrame: ourFrame() } },
    method,
    params,
  ) as Promise<{
    ok: boolean;
    result?: Record<string, unknown>;
    error?: { message: string };
  }>;

describe('the Electron main process, against a stand-in electron module', () => {
  it('opens the station named by --config=FILE and a sandboxed window with the preload', async () => {
    expect(fake.current.app.sandboxEnabled).toBe(true);
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[\\/]index\.cjs$/,
    );
    expect(win.loaded).toMatch(/^file:.*renderer\/index\.html$/);
    expect(await call('station.info')).toMatchObject({ ok: true, result: { stationId: 'MAIN-1' } });
  });

  it('sets the CSP header and denies every permission', () => {
    const { sessionHooks } = fake.current;
    const asked: boolean[] = [];
    sessionHooks.permissionRequest!(null, 'media', (ok: boolean) => asked.push(ok));
    sessionHooks.permissionRequest!(null, 'notifications', (ok: boolean) => asked.push(ok));
    expect(asked).toEqual([false, false]);
    expect(sessionHooks.permissionCheck!(null, 'clipboard-read')).toBe(false);
    let headers: Record<string, string[]> = {};
    sessionHooks.headersReceived!(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r: { responseHeaders: typeof headers }) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy()] });
  });

  it('denies pop-ups (http links go to the system browser) and navigation away from the app', () => {
    const wc = win.webContents;
    expect(wc.windowOpenHandler!({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.current.opened).toEqual(['https://example.com/help']);
    const navigate = (url: string) => {
      let prevented = false;
      wc.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate(`${win.loaded}#/orders`)).toBe(false);
    let webview = false;
    wc.emit('will-attach-webview', { preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
  });

  it('checks the sender of every call: a sub-frame or another page is refused', async () => {
    expect(await call('station.info', undefined, { url: win.loaded! })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/sub-frame/) },
    });
    const other = { url: 'https://evil.example/' };
    expect(
      await fake.current.handlers.get(IPC_CALL)!(
        { senderFrame: other, sender: { mainFrame: other } },
        'station.info',
      ),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is not the app/) } });
    await expect(
      Promise.resolve(
        fake.current.handlers.get(IPC_UPLOAD)!(
          { senderFrame: other, sender: { mainFrame: other } },
          'x.csv',
          new ArrayBuffer(3),
        ),
      ),
    ).rejects.toThrow(/refused/);
  });

  it('reads the wedge in main: a fast burst logs the packer in; modifiers and key-ups are left to the page', async () => {
    const input = (key: string, extra: Record<string, unknown> = {}) => {
      let withheld = false;
      win.webContents.emit(
        'before-input-event',
        { preventDefault: () => (withheld = true) },
        {
          type: 'keyDown',
          key,
          control: false,
          alt: false,
          meta: false,
          ...extra,
        },
      );
      return withheld;
    };
    expect(input('c', { control: true })).toBe(false);
    expect(input('v', { meta: true })).toBe(false);
    expect(input('U', { type: 'keyUp' })).toBe(false);
    const burst = [...'U1001'].map((k) => input(k));
    expect(input('Enter')).toBe(true);
    expect(burst.every(Boolean)).toBe(true);
    const state = await waitFor(
      async () => ((await call('station.getState')).result as { packer: { name: string } | null }).packer,
      5000,
      'logged in by the wedge',
    );
    expect(state).toEqual({ name: '张伟', role: 'packer' });
  });

  it("routes the wedge's scans through the station: on the Handover page a closed box's label loads it", async () => {
    const type = (code: string) => {
      for (const key of [...code, 'Enter'])
        win.webContents.emit(
          'before-input-event',
          { preventDefault: () => undefined },
          { type: 'keyDown', key, control: false, alt: false, meta: false },
        );
    };
    const state = async () =>
      (await call('station.getState')).result as {
        phase: string;
        box: { shipment: { waybillNo: string | null } | null } | null;
      };
    if ((await state()).phase === 'login') type('U1001');
    for (const code of ['SO202611290001', 'BOX-S', '6900012345004', '6900012345004']) type(code);
    await call('scale.setVirtual', { grams: 0 });
    await call('scale.setVirtual', { grams: 702 });
    const booked = await waitFor(
      async () => ((await state()).phase === 'labelling' ? await state() : null),
      10_000,
      'booked',
    );
    const waybill = booked.box!.shipment!.waybillNo!;
    type(waybill);
    await waitFor(async () => (await state()).box === null, 5000, 'box closed by its label');
    await call('screen.show', { page: 'handover', dialog: null });
    await call('handover.open', { carrier: 'pool' });
    type(waybill);
    const batch = await waitFor(
      async () => {
        const b = (await call('handover.current')).result as unknown as { lines: { waybillNo: string }[] };
        return b.lines.length > 0 ? b : null;
      },
      5000,
      'the box on the batch',
    );
    expect(batch.lines.map((l) => l.waybillNo)).toEqual([waybill]);
    await call('screen.show', { page: 'pack', dialog: null });
  });

  it('pushes station events to the window', async () => {
    await call('scale.setVirtual', { grams: 42 });
    await waitFor(() => win.webContents.sent.some((m) => m[1] === 'scale.reading'), 3000, 'a pushed reading');
  });

  it('a second launch brings the window back; the update feed is the configured folder', () => {
    win.minimized = true;
    fake.current.app.emit('second-instance');
    expect([win.restored, win.focused]).toEqual([1, 1]);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'http://updates.invalid/packbench/' }]);
  });

  it('a box open keeps the window from closing until it is set aside or an admin closes the app', async () => {
    const close = () => {
      let prevented = false;
      win.emit('close', { preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(close()).toBe(false);
    await call('scan.submit', { code: 'U1001' });
    await call('scan.submit', { code: 'SO202611290002' });
    expect(close()).toBe(true);
    const state = (await call('station.getState')).result as { feedback: { kind: string } };
    expect(state.feedback.kind).toBe('quit-needs-admin');
    await call('box.hold', { reason: 'other' });
    expect(close()).toBe(false);
  });

  it('closes the station before quitting: devices, then the database, and its lock is released', async () => {
    let prevented = false;
    fake.current.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await waitFor(() => fake.current.app.quitCalls === 1, 5000, 'quit after close');
    expect(existsSync(join(dir, 'bench.db.lock'))).toBe(false);
    // A second before-quit (the one app.quit() fires) goes through.
    let again = false;
    fake.current.app.emit('before-quit', { preventDefault: () => (again = true) });
    expect(again).toBe(false);
  });
});
