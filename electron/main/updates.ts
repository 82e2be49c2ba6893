import electronUpdater from 'electron-updater';
import type { Log } from '../log';

/**
 * Updates come from a generic HTTP folder (electron-builder `publish` or PACKBENCH_UPDATE_URL). Installs made silently by
 * IT can instead be updated by running the new installer with /S.
 */
export function startUpdates(version: string, log: Log): void {
  const url = process.env.PACKBENCH_UPDATE_URL;
  if (!url) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = log;
  autoUpdater.setFeedURL({ provider: 'generic', url });
  autoUpdater
    .checkForUpdatesAndNotify()
    .catch((err: unknown) => log.warn(`update check from ${url} failed (now ${version})`, err));
}
