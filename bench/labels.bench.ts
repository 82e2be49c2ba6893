import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, it } from 'vitest';
import { encodeLabel, faceSheetSvg, graphicField, renderFaceSheet, SAMPLE_SHEET } from '../electron/labels';
import { measure, printTable, summarize, type Figure } from './harness';

const root = resolve(import.meta.dirname, '..');
const figures: Figure[] = [];
const notes: string[] = [];
afterAll(() => {
  printTable('Face sheets: 100×150 mm @ 203 dpi (CJK + Code 128 + QR)', figures);
  console.log(notes.join('\n') + '\n');
});

/** The first label of a fresh process (fonts and glyph cache cold), with or without the station's warm-up. */
function firstLabel(mode: 'cold' | 'warm' | 'thread'): { warm: number; first: number; steady?: number[] } {
  const out = execFileSync(
    process.execPath,
    [join(root, 'node_modules/jiti/lib/jiti-cli.mjs'), join(root, 'bench/first-label.ts'), mode],
    { cwd: root, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as { warm: number; first: number; steady?: number[] };
}

it('our print path side by side with a warm headless Chromium rendering the same label', async () => {
  const ours = await measure('packbench: layout → dots → ZPL job (^GFA Z64)', 200, async () =>
    encodeLabel(renderFaceSheet(SAMPLE_SHEET, '100x150', 203), 'zpl', '100x150'),
  );
  figures.push(ours);
  figures.push(
    await measure('  of which layout → dots', 200, () => renderFaceSheet(SAMPLE_SHEET, '100x150', 203)),
  );
  const raster = renderFaceSheet(SAMPLE_SHEET, '100x150', 203);
  figures.push(await measure('  of which ZPL encoding', 200, () => encodeLabel(raster, 'zpl', '100x150')));

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 800, height: 1200 } });
  const font = readFileSync(join(root, 'resources/fonts/NotoSansSC-Regular.ttf')).toString('base64');
  const bold = readFileSync(join(root, 'resources/fonts/NotoSansSC-Bold.ttf')).toString('base64');
  await page.setContent(
    `<style>@font-face{font-family:'Noto Sans SC';src:url(data:font/ttf;base64,${font})}@font-face{font-family:'Noto Sans SC';font-weight:700;src:url(data:font/ttf;base64,${bold})}body{margin:0}</style><div id="l"></div>`,
  );
  await page.evaluate(() => document.fonts.ready);
  // The SVG is made once, outside the timing: Chromium is timed on drawing and encoding the label, nothing of ours.
  const svg = faceSheetSvg(SAMPLE_SHEET, '100x150', 203);
  const chrome = await measure(
    'headless Chromium (warm page): same label SVG → screenshot PNG',
    40,
    async () => {
      await page.evaluate((s) => (document.getElementById('l')!.innerHTML = s), svg);
      await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 800, height: 1200 } });
    },
  );
  figures.push(chrome);
  await browser.close();

  const cold = [1, 2, 3].map(() => firstLabel('cold'));
  const warm = [1, 2, 3].map(() => firstLabel('warm'));
  figures.push(
    summarize(
      'first label in a fresh process, not warmed (fonts + glyphs cold)',
      cold.map((c) => c.first),
    ),
  );
  figures.push(
    summarize(
      'station warm-up at start (fonts + the sample sheet)',
      warm.map((c) => c.warm),
    ),
  );
  figures.push(
    summarize(
      'first label after the warm-up (new names, new glyphs)',
      warm.map((c) => c.first),
    ),
  );

  // As the station prints: in the label thread (built by `npm run build`), the bytes coming back by message.
  const threaded = [1, 2, 3].map(() => firstLabel('thread'));
  figures.push(
    summarize(
      'label thread: warm-up at start',
      threaded.map((c) => c.warm),
    ),
    summarize(
      'label thread: first label after its warm-up, asked and answered',
      threaded.map((c) => c.first),
    ),
    summarize(
      'label thread: a label asked and answered (layout → dots → ZPL, message both ways)',
      threaded.flatMap((c) => c.steady ?? []),
    ),
  );

  const z64 = (await encodeLabel(raster, 'zpl', '100x150')).length;
  const hex = graphicField(raster, 'hex').length;
  notes.push(
    `Chromium ÷ packbench, median: ${(chrome.median / ours.median).toFixed(1)}× (p95 ${(chrome.p95 / ours.p95).toFixed(1)}×)`,
    `ZPL job bytes: Z64 ${z64.toLocaleString('en')} vs hex ${hex.toLocaleString('en')} (${(hex / z64).toFixed(0)}× smaller)`,
  );
});
