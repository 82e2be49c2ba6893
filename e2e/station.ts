import { test as base } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { startServe } from '../electron/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');

export interface RunningStation {
  url: string;
  origin: string;
  dir: string;
  child: ChildProcess;
  /** The order-hooks listener's base URL, when started with `--hooks`. */
  hooks: string | null;
}

/** `packbench serve` with a throw-away home and the test's config, started by the test itself. */
/**
 * The wedge thresholds of the test rig: Playwright types a burst 5 ms apart, but a loaded 2-core machine can stall it
 * past a real scanner's 60 ms gap (a badge then reads "1001" without its "U"). The rig's own, wider thresholds still
 * tell a burst from typing (the slow-typing test types 120 ms apart).
 */
export const RIG_WEDGE = { avgMsPerChar: 60, maxGapMs: 400 };

export async function startStation(config: unknown, args: string[] = []): Promise<RunningStation> {
  const dir = mkdtempSync(join(tmpdir(), 'packbench-e2e-'));
  const configFile = join(dir, 'config.json');
  const c = config as Record<string, unknown>;
  writeFileSync(configFile, JSON.stringify(c.scan ? c : { ...c, scan: RIG_WEDGE }));
  const { child, url, output } = await startServe(['--config', configFile, ...args], {
    PACKBENCH_HOME: join(dir, 'home'),
  });
  const hooks = /order hooks at (http:\/\/\S+)\/hooks\/orders\/FEED/.exec(output())?.[1] ?? null;
  return { url, origin: new URL(url).origin, dir, child, hooks };
}

export async function stopStation(station: RunningStation): Promise<void> {
  if (station.child.exitCode === null) {
    const exited = new Promise((r) => station.child.once('exit', r));
    station.child.kill('SIGTERM');
    await exited;
  }
  rmSync(station.dir, { recursive: true, force: true });
}

export const test = base.extend<{ station: RunningStation; stationConfig: unknown }>({
  stationConfig: [{ station: { id: 'E2E-BENCH-7', locale: 'en' } }, { option: true }],
  station: async ({ stationConfig }, use) => {
    const station = await startStation(stationConfig);
    await use(station);
    await stopStation(station);
  },
});
export { expect } from '@playwright/test';
