import { app, ipcMain, type BrowserWindow } from 'electron';
import { IPC_CALL, invoke, refuse, type Handlers } from '../../shared/contract';
import { currentEnvironment } from '../config';
import type { Log } from '../log';
import { adoptDatabase, AdoptError } from '../store';
import { makeHandler } from './handle';
import { hardenSession } from './security';
import { appPage, createBenchWindow } from './window';

/**
 * An installed bench's first start found only a Windows user's older database: instead of starting a second one, the
 * window offers the move. A shift lead of that database enters name or badge and PIN; the database is moved into the
 * machine's folder and the app starts again on it. Nothing else is answered here: there is no station yet.
 */
export function offerAdoption(outDir: string, log: Log): BrowserWindow {
  hardenSession();
  const page = appPage(outDir);
  const handlers = {
    'database.adopt': async ({ lead, pin }: { lead: string; pin: string }) => {
      try {
        const r = await adoptDatabase(currentEnvironment(), lead, pin);
        log.info(`database moved from ${r.from} to ${r.to} by ${lead}; the old file is kept as ${r.kept}`);
        // The page says so, then the app starts again on the moved database.
        setTimeout(() => {
          app.relaunch();
          app.exit(0);
        }, 2000);
        return { from: r.from, to: r.to };
      } catch (err) {
        if (err instanceof AdoptError)
          throw refuse(err.reason === 'lead' ? 'adopt-lead' : 'adopt-not-needed');
        throw err;
      }
    },
  } as unknown as Handlers;
  ipcMain.handle(
    IPC_CALL,
    makeHandler((m, p) => invoke(handlers, m, p), page.isOurUrl, log),
  );
  return createBenchWindow(outDir, { ...page, url: `${page.url}#/adopt` }, log);
}
