import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeLabel, renderFaceSheet, SAMPLE_SHEET } from '../../labels';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { repoRoot, runCli, tempDir } from '../../testing';
import {
  CapturePrinter,
  parsePrinterUri,
  printerStatus,
  sendBytes,
  type PrinterCondition,
  type PrinterLanguage,
} from './index';

let dir: string;
let cleanup: () => void;
let printer: CapturePrinter | null = null;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await printer?.stop();
  printer = null;
  cleanup();
});

describe('status replies from the capture printer map to conditions', () => {
  const cases: [PrinterLanguage, PrinterCondition][] = [];
  for (const language of ['escpos', 'zpl', 'tspl'] as const)
    for (const c of ['ready', 'paper-out', 'head-open', 'cover-open'] as const) cases.push([language, c]);
  it.each(cases)('%s: %s', async (language, condition) => {
    printer = new CapturePrinter(language);
    printer.condition = condition;
    const port = await printer.start();
    const expected =
      language === 'zpl' && condition === 'cover-open'
        ? 'head-open'
        : language === 'escpos' && condition === 'head-open'
          ? 'cover-open'
          : condition;
    expect((await printerStatus(parsePrinterUri(`tcp://127.0.0.1:${port}`), language)).condition).toBe(
      expected,
    );
    expect(printer.jobs).toHaveLength(0); // a status query is not a print job
  });

  it('a printer that is off is offline; one that never answers a ~HS is offline too', async () => {
    expect((await printerStatus(parsePrinterUri('tcp://127.0.0.1:1'), 'zpl', 500)).condition).toBe('offline');
  });
});

describe('transports', () => {
  it('the TCP capture printer receives the job byte for byte', async () => {
    printer = new CapturePrinter('zpl', join(dir, 'jobs'));
    const port = await printer.start();
    const job = await encodeLabel(renderFaceSheet(SAMPLE_SHEET, '100x150', 203), 'zpl', '100x150');
    await sendBytes(parsePrinterUri(`tcp://127.0.0.1:${port}`), job);
    await new Promise((r) => setTimeout(r, 50));
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.bytes.equals(job)).toBe(true);
    expect(readFileSync(join(dir, 'jobs', 'job-0001.zpl')).equals(job)).toBe(true);
  });

  it('file: a folder gets one file per job', async () => {
    await sendBytes(
      parsePrinterUri(`file:${join(dir, 'out')}/`),
      Buffer.from('%PDF-1.4 x'),
      1000,
      'label-W1',
    );
    await sendBytes(
      parsePrinterUri(`file:${join(dir, 'out')}/`),
      Buffer.from('%PDF-1.4 y'),
      1000,
      'label-W2',
    );
    const files = readdirSync(join(dir, 'out')).sort();
    expect(files).toHaveLength(2);
    expect(files.map((f) => readFileSync(join(dir, 'out', f), 'latin1')).sort()).toEqual([
      '%PDF-1.4 x',
      '%PDF-1.4 y',
    ]);
    expect(existsSync(join(dir, 'out'))).toBe(true);
  });

  it('spooler: is refused plainly off Windows', async () => {
    if (process.platform === 'win32') return;
    await expect(sendBytes(parsePrinterUri('spooler:ZDesigner GK420d'), Buffer.from('x'))).rejects.toThrow(
      /Windows/,
    );
  });

  it('rejects a bad URI by name', () => {
    expect(() => parsePrinterUri('lpt1:')).toThrow(/printer URI must be/);
  });
});

describe('CLI', () => {
  it('print test sends the test label; printer status reads the condition', async () => {
    printer = new CapturePrinter('tspl');
    printer.condition = 'paper-out';
    const port = await printer.start();
    const sent = await runCli([
      'print',
      'test',
      '--printer',
      `tcp://127.0.0.1:${port}`,
      '--language',
      'tspl',
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(printer.jobs[0]!.bytes.subarray(0, 4).toString()).toBe('SIZE');
    const status = await runCli([
      'printer',
      'status',
      '--printer',
      `tcp://127.0.0.1:${port}`,
      '--language',
      'tspl',
      '--json',
    ]);
    expect(JSON.parse(status.stdout)).toEqual({ condition: 'paper-out', detail: 'no paper' });
  });
});

describe('PDF output renders with pdftoppm', () => {
  it('the label PDF rasterised by poppler matches the label raster', async (ctx) => {
    if (spawnSync('pdftoppm', ['-v']).error) {
      console.log('skipped: pdftoppm (poppler-utils) is not installed');
      ctx.skip();
    }
    const raster = renderFaceSheet(SAMPLE_SHEET, '100x150', 203);
    writeFileSync(join(dir, 'l.pdf'), await encodeLabel(raster, 'pdf', '100x150'));
    const r = spawnSync('pdftoppm', [
      '-scale-to-x',
      '800',
      '-scale-to-y',
      '1200',
      '-png',
      '-gray',
      '-singlefile',
      join(dir, 'l.pdf'),
      join(dir, 'page'),
    ]);
    expect(r.status, r.stderr?.toString()).toBe(0);
    const page = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    expect([page.width, page.height]).toEqual([800, 1200]);
    let differing = 0;
    for (let y = 0; y < 1200; y++)
      for (let x = 0; x < 800; x++) {
        const black = (raster.data[y * raster.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
        if (black !== page.data[(y * 800 + x) * 4]! < 128) differing++;
      }
    // Poppler smooths the scaled image, so edges differ a little; what matters is that it reads like the label.
    expect(differing / (800 * 1200)).toBeLessThan(0.05);
    await prepareZXingModule({
      overrides: {
        wasmBinary: readFileSync(join(repoRoot, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'))
          .buffer as ArrayBuffer,
      },
      fireImmediately: true,
    });
    const codes = await readBarcodes(new Uint8Array(readFileSync(join(dir, 'page.png'))), {
      formats: ['Code128'],
      tryHarder: true,
    });
    expect(codes.map((c) => c.text)).toContain(SAMPLE_SHEET.waybillNo);
  });
});
