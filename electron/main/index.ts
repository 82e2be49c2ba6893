import { app, BrowserWindow, crashReporter, ipcMain } from 'electron';
import log from 'electron-log/main';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_CALL, IPC_EVENT, IPC_UPLOAD, events as eventTable, type EventName } from '../../shared/contract';
import { loadConfig, currentEnvironment, ConfigError, databaseToAdopt } from '../config';
import { Station } from '../station';
import { VERSION } from '../version';
import { makeHandler, makeUploadHandler } from './handle';
import { hardenSession } from './security';
import { appPage, createBenchWindow } from './window';
import { startUpdates } from './updates';
import { createMainWedge } from './wedge';
import { cliArguments, configFlag } from './cli';
import { countCrash, kioskOf } from './kiosk';
import { offerAdoption } from './adopt';
import { LONG_RUNNING, runCli } from '../cli';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = cliArguments(process.argv);

if (cli) {
  // IT's commands on a bench without Node: the same code as `npx packbench`, no window, no single-instance lock (a
  // backup runs beside the running bench), the command's exit code. A server or an emulator runs until stopped.
  void runCli([process.execPath, 'packbench', ...cli], join(outDir, 'renderer')).then(() => {
    if (!(LONG_RUNNING as readonly string[]).includes(cli.find((a) => !a.startsWith('-')) ?? ''))
      app.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
} else startBench();

function startBench(): void {
  log.initialize();
  // Logs rotate by size (main.log, then main.old.log): a bench running for months never fills its disk.
  log.transports.file.maxSize = 5 * 1024 * 1024;
  // Crash dumps stay on the bench (userData/Crashpad) for IT; nothing is uploaded.
  crashReporter.start({ uploadToServer: false });
  const kiosk = kioskOf(configFlag(process.argv));
  log.errorHandler.startCatching({
    showDialog: !kiosk,
    // A kiosk bench that crashes starts again by itself, and the log says how often it has.
    onError: () => {
      if (!kiosk) return;
      log.error(`restarting after a crash (${countCrash(app.getPath('userData'))} so far)`);
      app.relaunch();
      app.exit(1);
    },
  });

  // One bench, one app: a second launch focuses the first window.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  let station: Station | null = null;
  let win: BrowserWindow | null = null;
  /** An admin asked to close from the screen: the window and the app may go. */
  let adminQuit = false;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(async () => {
    try {
      station = new Station({
        loaded: loadConfig(configFlag(process.argv), currentEnvironment()),
        version: VERSION,
        log,
        purpose: 'the Packbench desktop app',
        quit: () => {
          adminQuit = true;
          app.quit();
        },
      });
    } catch (err) {
      // An installed bench's first start with only a user's older database: the window offers the move instead.
      if (err instanceof ConfigError && databaseToAdopt(currentEnvironment())) {
        log.warn('only an older per-user database was found: offering to move it', err.problems.join('; '));
        win = offerAdoption(outDir, log);
        return;
      }
      const { dialog } = await import('electron');
      const text = err instanceof ConfigError ? err.problems.join('\n') : (err as Error).message;
      log.error('station did not start', text);
      dialog.showErrorBox('Packbench cannot start', text);
      app.exit(1);
      return;
    }
    hardenSession();
    const page = appPage(outDir);
    const s = station;
    ipcMain.handle(
      IPC_CALL,
      makeHandler((m, p) => s.call(m, p), page.isOurUrl, log),
    );
    ipcMain.handle(
      IPC_UPLOAD,
      makeUploadHandler((bytes) => s.uploads.save(bytes), page.isOurUrl, log),
    );
    win = createBenchWindow(outDir, page, log, { kiosk: s.options.loaded.config.station.kiosk });
    // A kiosk bench, or one with a box open, is closed by an admin from its screen (Settings), not by the window's X.
    win.on('close', (event) => {
      if (adminQuit || !s.needsAdminToQuit()) return;
      event.preventDefault();
      s.quitBlocked();
    });
    // The page crashed or was killed: it is loaded again (the station kept everything).
    win.webContents.on('render-process-gone', (_event, details) => {
      log.error(
        `the bench page stopped (${(details as { reason?: string }).reason ?? '?'}): loading it again`,
      );
      void win?.loadURL(page.url);
    });
    // Scans are read in main as well, so they work wherever focus is (and never type into a field).
    const { scan } = s.options.loaded.config;
    const wedge = createMainWedge(
      {
        onScan: (code) => void s.call('scan.submit', { code, scanner: 'wedge' }),
        insertText: (text) => void win?.webContents.insertText(text),
        now: () => performance.now(),
        setTimer: (fn, ms) => {
          const t = setTimeout(fn, ms);
          return () => clearTimeout(t);
        },
      },
      {
        avgMsPerChar: scan.avgMsPerChar,
        maxGapMs: scan.maxGapMs,
        minLength: scan.minLength,
        ...(scan.prefix ? { prefix: scan.prefix } : {}),
      },
    );
    win.webContents.on('before-input-event', (event, input) => {
      if (wedge(input)) event.preventDefault();
    });
    for (const event of Object.keys(eventTable) as EventName[]) {
      s.on(event, (payload) => win?.webContents.send(IPC_EVENT, event, payload));
    }
    startUpdates(s.info().version, log);
  });

  app.on('window-all-closed', () => app.quit());
  // Close devices and the database before the process goes.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !station) return;
    if (!adminQuit && station.needsAdminToQuit()) {
      event.preventDefault();
      station.quitBlocked();
      return;
    }
    event.preventDefault();
    closing = true;
    void station.close().finally(() => app.quit());
  });
}
