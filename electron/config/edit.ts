import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseConfig } from './load';

/** What the Devices page's set-up may change: the scale, and the label printer. */
export interface DeviceChange {
  scale?: Record<string, unknown>;
  labelPrinter?: Record<string, unknown>;
}

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/:/g, '-');

/**
 * Writes the devices IT chose on screen into the bench's config file, which stays the one source: the whole new file is
 * checked with the same schema as at start (nothing is written if it fails), the previous file is kept beside it as
 * `config.json.<UTC time>.bak`, and the new one replaces it in one rename. Returns the backup's name.
 */
export function writeDeviceChange(file: string, change: DeviceChange, now: Date): { backup: string | null } {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '{}';
  const current = JSON.parse(before.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  const printers = (current.printers ?? {}) as Record<string, unknown>;
  const next = {
    ...current,
    ...(change.scale ? { scale: change.scale } : {}),
    ...(change.labelPrinter ? { printers: { ...printers, label: change.labelPrinter } } : {}),
  };
  const text = `${JSON.stringify(next, null, 2)}\n`;
  parseConfig(text, file);
  mkdirSync(dirname(file), { recursive: true });
  let backup: string | null = null;
  if (existsSync(file)) {
    backup = `${file}.${stamp(now)}.bak`;
    copyFileSync(file, backup);
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return { backup };
}
