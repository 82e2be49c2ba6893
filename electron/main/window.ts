import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from '../log';

export interface AppPage {
  /** What the window loads. */
  url: string;
  /** True for URLs of our own page (any hash/query). */
  isOurUrl(url: string): boolean;
}

export function appPage(outDir: string): AppPage {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const url = devUrl ?? pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
  const base = url.split(/[?#]/)[0]!;
  return { url, isOurUrl: (u) => u.split(/[?#]/)[0] === base };
}

/**
 * The bench window with Electron's security checklist applied. It fits the usual 1366×768 bench screen with the task
 * bar (the layout works down to 1024×768); a kiosk bench runs full screen with no way out but an admin's.
 */
export function createBenchWindow(
  outDir: string,
  page: AppPage,
  log: Log,
  opts: { kiosk: boolean } = { kiosk: false },
): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 720,
    minWidth: 1024,
    minHeight: 700,
    ...(opts.kiosk ? { kiosk: true, fullscreen: true, closable: true } : {}),
    show: false,
    title: 'Packbench',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // No pop-ups; an http(s) link a lead clicks opens in the system browser instead.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    log.warn(`window.open denied: ${url}`);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!page.isOurUrl(url)) {
      event.preventDefault();
      log.warn(`navigation denied: ${url}`);
    }
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(page.url);
  return win;
}
