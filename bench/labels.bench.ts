import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, it } from 'vitest';
import { encodeLabel, faceSheetSvg, graphicField, renderFaceSheet, SAMPLE_SHEET } from '../electron/labels';
import { measure, printTable, type Figure } from './harness';

const root = resolve(import.meta.dirname, '..');
const figures: Figure[] = [];
afterAll(() => printTable('Face sheets: render 100×150 mm @ 203 dpi (CJK + Code 128 + QR)', figures));

it('our pipeline (SVG → resvg → 1-bit) side by side with a headless-Chromium screenshot of the same SVG', async () => {
  figures.push(
    await measure('packbench: layout → SVG → raster → 1-bit', 50, () =>
      renderFaceSheet(SAMPLE_SHEET, '100x150', 203),
    ),
  );
  const raster = renderFaceSheet(SAMPLE_SHEET, '100x150', 203);
  figures.push(
    await measure('packbench: + ZPL job (^GFA Z64)', 50, () => encodeLabel(raster, 'zpl', '100x150')),
  );

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
  figures.push(
    await measure('headless Chromium: SVG → screenshot PNG', 20, async () => {
      await page.evaluate(
        (svg) => (document.getElementById('l')!.innerHTML = svg),
        faceSheetSvg(SAMPLE_SHEET, '100x150', 203),
      );
      await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 800, height: 1200 } });
    }),
  );
  await browser.close();

  const z64 = (await encodeLabel(raster, 'zpl', '100x150')).length;
  const hex = graphicField(raster, 'hex').length;
  figures.push({
    name: `ZPL job bytes: Z64 ${z64.toLocaleString('en')} vs hex ${hex.toLocaleString('en')} (${(hex / z64).toFixed(0)}× smaller)`,
    n: 1,
    median: 0,
    p95: 0,
    unit: 'ms',
  });
});
