import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { CapturePrinter } from '../electron/devices/printer';
import { repoRoot, startStation, stopStation, type RunningStation } from './station';

/** The whole bench with real parts: a socat PTY scale emulator, a TCP capture printer, a folder for everything. */
export class BenchRig {
  readonly dir = mkdtempSync(join(tmpdir(), 'packbench-rig-'));
  readonly printer = new CapturePrinter('zpl');
  private socat: ChildProcess | null = null;
  private sim: ChildProcess | null = null;
  scalePort = '';

  constructor(readonly scaleProtocol = 'toledo-continuous') {}

  async start(): Promise<void> {
    const [a, b] = [join(this.dir, 'scale-A'), join(this.dir, 'scale-B')];
    this.socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: 'ignore',
    });
    while (!existsSync(a) || !existsSync(b)) await new Promise((r) => setTimeout(r, 20));
    this.sim = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin', 'packbench.js'),
        'sim',
        'scale',
        '--port',
        b,
        '--protocol',
        this.scaleProtocol,
        '--grams',
        '0',
        '--interval-ms',
        '50',
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((r) => this.sim!.stdout!.once('data', () => r()));
    this.scalePort = a;
    await this.printer.start();
  }

  /** What is on the scale: grams, optionally swinging first. */
  weigh(grams: number, motionMs = 0): void {
    this.sim!.stdin!.write(motionMs ? `motion ${motionMs} ${grams}\n` : `${grams}\n`);
  }

  config(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      station: { id: 'E2E-BENCH', locale: 'en' },
      demoData: true,
      database: { path: join(this.dir, 'bench.db') },
      scale: { kind: 'serial', port: this.scalePort, protocol: this.scaleProtocol },
      printers: { label: { uri: `tcp://127.0.0.1:${this.printer.port}`, language: 'zpl' } },
      handover: { manifestDir: join(this.dir, 'manifests') },
      inserts: [
        {
          id: 'brand-flyer',
          name: '品牌宣传页 brand flyer',
          barcode: '6900012347039',
          weightG: 5,
          whenShop: '旗舰店',
        },
      ],
      ...extra,
    };
  }

  file(name: string, text: string): string {
    const p = join(this.dir, name);
    writeFileSync(p, text);
    return p;
  }

  async stop(): Promise<void> {
    this.sim?.kill('SIGTERM');
    this.socat?.kill('SIGTERM');
    await this.printer.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Types like a keyboard-wedge scanner (5 ms per character + Enter). On the Pack page it waits for the station's
 * answer to this scan, so a test never races two scans.
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await expect(page.getByTestId('station-id')).not.toHaveText('…');
  const banner = page.locator('[data-feedback-id]');
  const before = (await banner.count()) ? await banner.getAttribute('data-feedback-id') : null;
  const onPack = await page.getByRole('status', { name: 'Next action' }).count();
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.type(code, { delay: 5 });
    await page.keyboard.press('Enter');
    if (!onPack) return;
    try {
      await expect(banner).not.toHaveAttribute('data-feedback-id', before ?? '-', {
        timeout: attempt === 0 ? 3000 : 5000,
      });
      return;
    } catch (err) {
      // A loaded CI machine can stall Playwright's typing past a scanner's timing, so the burst reads as typing;
      // a packer would scan again, and so does the test (once).
      if (attempt > 0) throw err;
    }
  }
}

/** A CSV chosen on the Orders page's import field named `label`, and the report that says it went in. */
export async function importCsv(
  page: Page,
  label: string,
  name: string,
  text: string,
  done: string | RegExp,
) {
  await page.getByLabel(label).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.getByRole('status').last()).toContainText(done);
}

export const nextAction = (page: Page) => page.getByRole('status', { name: 'Next action' });

/** Saved by every run; the copies under docs/screenshots are the ones the README shows. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(repoRoot, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
  if (process.env.UPDATE_SCREENSHOTS === '1' && !/-(zh-\d+|en)$/.test(name)) {
    mkdirSync(join(repoRoot, 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', `${name}.png`) });
  }
}

/**
 * A fresh rig for each test of a file, and the station a test starts on it; both stopped after the test. Use from a
 * spec's top level: `const bench = rigPerTest(test)`, then `bench.rig` and `await bench.start(config)`.
 */
export function rigPerTest(t: {
  beforeEach: (fn: () => Promise<void>) => void;
  afterEach: (fn: () => Promise<void>) => void;
}): { readonly rig: BenchRig; start(config: unknown, args?: string[]): Promise<RunningStation> } {
  let rig: BenchRig | null = null;
  let station: RunningStation | null = null;
  t.beforeEach(async () => {
    rig = new BenchRig();
    await rig.start();
  });
  t.afterEach(async () => {
    if (station) await stopStation(station);
    station = null;
    await rig?.stop();
  });
  return {
    get rig() {
      return rig!;
    },
    start: async (config, args = []) => (station = await startStation(config, args)),
  };
}
