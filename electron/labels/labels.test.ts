import { inflateSync } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readBarcodes } from 'zxing-wasm/reader';
import { prepareBarcodeReader } from '../testing/barcodes';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeGraphicField,
  encodeLabel,
  escposText,
  faceSheetSvg,
  renderSvg,
  toRaster,
  graphicField,
  manifestLabels,
  maskPhone,
  rasterToPng,
  renderFaceSheet,
  SAMPLE_SHEET,
  tsplText,
  zplText,
  type Dpi,
  type LabelSize,
} from './index';

const GOLDENS = join(import.meta.dirname, 'goldens');
// `npm run goldens:update` sets this on purpose after a deliberate layout change; the diff then shows in review.
const UPDATE = process.env.UPDATE_GOLDENS === '1';

beforeAll(async () => {
  // The wasm comes from node_modules, never from a CDN.
  await prepareBarcodeReader();
});

const cases: [LabelSize, Dpi][] = [
  ['100x150', 203],
  ['76x130', 203],
  ['100x180', 203],
  ['4x6', 203],
  ['100x150', 300],
];

describe('face sheet rendering', () => {
  it.each(cases)('%s @ %i dpi matches its golden image pixel for pixel', (size, dpi) => {
    const png = rasterToPng(renderFaceSheet(SAMPLE_SHEET, size, dpi));
    const file = join(GOLDENS, `sample-${size}-${dpi}.png`);
    if (UPDATE) {
      // Writing a golden is not a test of it: the run that writes compares nothing, and says so.
      mkdirSync(GOLDENS, { recursive: true });
      writeFileSync(file, png);
      console.warn(`golden written: ${file} (review the image before committing)`);
      return;
    }
    if (!existsSync(file))
      throw new Error(`no golden ${file}: run npm run goldens:update and review the image`);
    const want = PNG.sync.read(readFileSync(file));
    const got = PNG.sync.read(png);
    expect([got.width, got.height]).toEqual([want.width, want.height]);
    let differing = 0;
    for (let i = 0; i < got.data.length; i += 4) if (got.data[i] !== want.data[i]) differing++;
    expect(differing).toBe(0);
  });

  it.each(cases)(
    '%s @ %i dpi: the waybill barcode and the QR decode to the waybill no.',
    async (size, dpi) => {
      const png = rasterToPng(renderFaceSheet(SAMPLE_SHEET, size, dpi));
      const results = await readBarcodes(new Uint8Array(png), {
        formats: ['Code128', 'QRCode'],
        tryHarder: true,
        maxNumberOfSymbols: 4,
      });
      const byFormat = Object.fromEntries(results.map((r) => [r.format, r.text]));
      expect(byFormat.Code128).toBe('YT8800000005');
      expect(byFormat.QRCode).toBe('YT8800000005');
    },
  );

  // The dot counts of ../shared/reference/printers.md: 8 dots/mm at 203 dpi, 12 at 300; inch sizes × dpi.
  it.each<[LabelSize, Dpi, number, number]>([
    ['100x150', 203, 800, 1200],
    ['76x130', 203, 608, 1040],
    ['100x180', 203, 800, 1440],
    ['4x6', 203, 812, 1218],
    ['100x150', 300, 1200, 1800],
    ['4x6', 300, 1200, 1800],
  ])('%s @ %i dpi is %i×%i dots, as the reference counts them', (size, dpi, width, height) => {
    const r = renderFaceSheet(SAMPLE_SHEET, size, dpi);
    expect([r.width, r.height]).toEqual([width, height]);
    expect(r.bytesPerRow).toBe(Math.ceil(width / 8));
    expect(r.data.length).toBe(r.bytesPerRow * height);
  });

  it.each(cases)(
    '%s @ %i dpi: the dots drawn straight agree with the same drawing as SVG rasterised whole',
    (size, dpi) => {
      const straight = renderFaceSheet(SAMPLE_SHEET, size, dpi);
      const whole = toRaster(renderSvg(faceSheetSvg(SAMPLE_SHEET, size, dpi)));
      let inked = 0;
      let differing = 0;
      for (let i = 0; i < whole.data.length; i++) {
        for (let b = whole.data[i]!; b; b &= b - 1) inked++;
        for (let b = whole.data[i]! ^ straight.data[i]!; b; b &= b - 1) differing++;
      }
      // Glyph edges differ where a pen position is kept to a quarter dot; rules and bars never do.
      expect(inked).toBeGreaterThan(50_000);
      expect(differing / inked).toBeLessThan(0.01);
    },
  );

  it("a carton of several: 第 2/3 件 large beside the weight and the master number in the footer; the barcode is the carton's own", async () => {
    const piece = { ...SAMPLE_SHEET, waybillNo: 'SF1400000000002', qr: 'SF1400000000002' };
    const plain = renderFaceSheet(piece, '100x150', 203);
    const marked = renderFaceSheet(
      { ...piece, piece: { no: 2, of: 3, master: 'SF1400000000001' } },
      '100x150',
      203,
    );
    const inkIn = (r: typeof plain, x0: number, x1: number, y0: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) if (r.data[y * r.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) n++;
      return n;
    };
    // The weight line, left of the QR: the piece mark before the weight makes it wider and taller.
    const weightLine = [0, 480, 960, 1060] as const;
    expect(inkIn(marked, ...weightLine)).toBeGreaterThan(inkIn(plain, ...weightLine) * 2);
    // The carton's own number is what its barcode and QR say.
    const results = await readBarcodes(new Uint8Array(rasterToPng(marked)), {
      formats: ['Code128', 'QRCode'],
      tryHarder: true,
      maxNumberOfSymbols: 4,
    });
    expect(Object.fromEntries(results.map((r) => [r.format, r.text]))).toEqual({
      Code128: 'SF1400000000002',
      QRCode: 'SF1400000000002',
    });
    // The footer's right half carries 母单 and the master number: more ink than the waybill no. alone.
    const foot = [1120, 1200] as const;
    expect(inkIn(marked, 400, 800, ...foot)).toBeGreaterThan(inkIn(plain, 400, 800, ...foot));
  });

  it('masks phones as carriers do', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 0571-8888 6666')).toBe('+86*********666');
  });
});

describe('printer languages', () => {
  const raster = renderFaceSheet(SAMPLE_SHEET, '100x150', 203);

  it.each(['z64', 'hex'] as const)('ZPL ^GFA (%s) decodes back to the same raster', (enc) => {
    const back = decodeGraphicField(`^XA${graphicField(raster, enc)}^FS^XZ`);
    expect(back.bytesPerRow).toBe(raster.bytesPerRow);
    expect(Buffer.from(back.data).equals(Buffer.from(raster.data))).toBe(true);
  });

  it('Z64 is far smaller than hex and its CRC is checked', async () => {
    const z64 = (await encodeLabel(raster, 'zpl', '100x150')).toString('latin1');
    expect(z64.length * 10).toBeLessThan(graphicField(raster, 'hex').length);
    expect(() => decodeGraphicField(z64.replace(/:([0-9A-F]{4})\^FS/, ':0000^FS'))).toThrow(/CRC/);
  });

  it('ZPL Z64 read by an independent decoder (zlib + CRC-16/XMODEM written here) is the raster, 1 = black', async () => {
    const zpl = (await encodeLabel(raster, 'zpl', '100x150')).toString('latin1');
    const m = /\^GFA,(\d+),(\d+),(\d+),:Z64:([A-Za-z0-9+/=]+):([0-9A-Fa-f]{4})/.exec(zpl)!;
    expect(m).not.toBeNull();
    const [, total, , perRow, b64, crc] = m;
    // CRC-16/XMODEM (poly 0x1021, init 0) of the base64 text, as Zebra's Z64 defines it.
    let c = 0;
    for (const ch of Buffer.from(b64!, 'latin1')) {
      c ^= ch << 8;
      for (let i = 0; i < 8; i++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    }
    expect(c.toString(16).toUpperCase().padStart(4, '0')).toBe(crc!.toUpperCase());
    const data = inflateSync(Buffer.from(b64!, 'base64'));
    expect(Number(total)).toBe(data.length);
    expect(Number(perRow)).toBe(raster.bytesPerRow);
    expect(data.equals(Buffer.from(raster.data))).toBe(true);
  });

  it.each(['tspl', 'epl'] as const)(
    '%s image data is the raster inverted (0 = black), read back byte by byte',
    async (language) => {
      const job = await encodeLabel(raster, language, '100x150');
      const header = language === 'tspl' ? 'BITMAP 0,0,100,1200,0,' : 'GW0,0,100,1200,';
      const start = job.indexOf(header) + header.length;
      const data = job.subarray(start, start + raster.data.length);
      const back = Buffer.from(data.map((b) => ~b & 0xff));
      expect(back.equals(Buffer.from(raster.data))).toBe(true);
      // Polarity, counted: as many 0 bits in the job as black dots in the raster.
      const ones = (buf: Uint8Array) => buf.reduce((n, b) => n + popcount(b), 0);
      expect(data.length * 8 - ones(data)).toBe(ones(raster.data));
      expect(ones(raster.data)).toBeGreaterThan(0);
      expect(ones(raster.data)).toBeLessThan(raster.data.length * 4); // a label is mostly white
    },
  );

  it('TSPL, EPL and ESC/POS jobs carry the whole raster', async () => {
    const tspl = await encodeLabel(raster, 'tspl', '100x150');
    expect(tspl.toString('latin1')).toMatch(
      /^SIZE 100 mm,150 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1\r\nCLS\r\nBITMAP 0,0,100,1200,0,/,
    );
    expect(tspl.length).toBe(
      tspl.indexOf('BITMAP') +
        'BITMAP 0,0,100,1200,0,'.length +
        raster.data.length +
        '\r\nPRINT 1,1\r\n'.length,
    );
    const escpos = await encodeLabel(raster, 'escpos', '100x150');
    expect([...escpos.subarray(0, 10)]).toEqual([
      0x1b,
      0x40,
      0x1d,
      0x76,
      0x30,
      0x00,
      100,
      0,
      1200 & 0xff,
      1200 >> 8,
    ]);
    const epl = await encodeLabel(raster, 'epl', '100x150');
    expect(epl.toString('latin1')).toContain('GW0,0,100,1200,');
  });

  it('PDF is one page of the label’s size', async () => {
    const pdf = await encodeLabel(raster, 'pdf', '100x150');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[\s*0 0 283\.46\d*\s+425\.19\d*\s*\]/);
  });
});

describe('injection safety', () => {
  const hostile = {
    ...SAMPLE_SHEET,
    receiver: {
      name: '^XZ^XA^FO0,0^FDPWNED^FS',
      phone: '13800000000',
      address: 'Room 1 ~JR "PRINT 9" \u001b@ \u001d\u0056\u0000 ^XZ^XA 路 8 号',
    },
    items: '"\r\nPRINT 9\r\n ~JR ^XA',
  };
  const raster = renderFaceSheet(hostile, '100x150', 203);

  it('a rendered label of an address full of commands is one label with no injected command, in every language', async () => {
    const zpl = (await encodeLabel(raster, 'zpl', '100x150')).toString('latin1');
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).not.toContain('~JR');
    expect(zpl).not.toContain('PWNED');
    const tspl = (await encodeLabel(raster, 'tspl', '100x150')).toString('latin1');
    const text = tspl.slice(0, tspl.indexOf('BITMAP')) + tspl.slice(tspl.lastIndexOf('\r\nPRINT'));
    expect(text.match(/PRINT/g)).toHaveLength(1);
    const escpos = await encodeLabel(raster, 'escpos', '100x150');
    // Every byte is accounted for: init, raster header, exactly the image, feed and cut.
    expect(escpos.length).toBe(2 + 8 + raster.data.length + 6);
    expect(escpos.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
  });

  it('native text fields escape what would be commands', () => {
    expect(zplText('^XZ~JR_x 路')).toBe('^FH_^FD_5EXZ_7EJR_5Fx _E8_B7_AF^FS');
    expect(tsplText('a"b\r\nPRINT 9')).toBe('"a\\["]b  PRINT 9"');
    expect(escposText('A\u001b@B\u001dV\u0000C\nD')).toBe('A@BVC\nD');
  });
});

describe('packing slip (node-thermal-printer, ESC/POS)', () => {
  it('Chinese in the GB code page, order text without control bytes', async () => {
    const { packingSlip } = await import('./index');
    const slip = packingSlip({
      shop: '旗舰店',
      orderNo: 'SO-1\u001b@\u001dV',
      receiver: '陈静',
      phone: '13655556666',
      lines: [{ name: '西湖龙井 250g', qty: 2 }],
      waybillNo: 'PB261129000001',
      carrier: 'pool',
      weightG: 712,
      printedAt: new Date(0),
      stationId: 'B',
    });
    expect(slip.includes(Buffer.from('旗舰店', 'latin1'))).toBe(false);
    expect(slip.includes(Buffer.from([0xc6, 0xec, 0xbd, 0xa2, 0xb5, 0xea]))).toBe(true); // 旗舰店 in GB2312
    expect(slip.includes(Buffer.from('SO-1@V'))).toBe(true);
    expect(slip.includes(Buffer.from('SO-1\u001b'))).toBe(false);
    expect(slip.includes(Buffer.from('x2'))).toBe(true);
  });
});

describe('carrier PDF labels', () => {
  it('are rasterised (PDFium, WebAssembly) to the printer’s dots and still scan', async () => {
    const { pdfToRaster } = await import('./index');
    const raster = renderFaceSheet(SAMPLE_SHEET, '100x150', 203);
    const pdf = await encodeLabel(raster, 'pdf', '100x150');
    const back = await pdfToRaster(pdf, 800, 1200);
    expect([back.width, back.height]).toEqual([800, 1200]);
    let differing = 0;
    for (let i = 0; i < back.data.length; i++) differing += popcount(back.data[i]! ^ raster.data[i]!);
    expect(differing / (800 * 1200)).toBeLessThan(0.05);
    const codes = await readBarcodes(new Uint8Array(rasterToPng(back)), {
      formats: ['Code128'],
      tryHarder: true,
    });
    expect(codes.map((c) => c.text)).toContain(SAMPLE_SHEET.waybillNo);
    const zpl = await encodeLabel(back, 'zpl', '100x150');
    expect(zpl.subarray(0, 3).toString()).toBe('^XA');
  });
});

function popcount(b: number): number {
  let n = 0;
  for (; b; b &= b - 1) n++;
  return n;
}

describe('the label-size handover manifest', () => {
  it('one label per 20 boxes, each with ink in its heading and its lines, the signature line on the last', () => {
    const lines = Array.from({ length: 45 }, (_, i) => ({
      waybillNo: `ZT77000010${String(i).padStart(2, '0')}`,
      orderNo: `SO2026113000${String(i).padStart(2, '0')}`,
      weightG: 700 + i,
    }));
    const labels = manifestLabels(
      { id: 7, carrier: '中通快递', station: 'B-01', closedAt: '2026-11-30 18:05', by: '李主管', lines },
      '100x150',
      203,
    );
    expect(labels).toHaveLength(3);
    const inkIn = (r: (typeof labels)[number], y0: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y++)
        for (let x = 0; x < r.width; x++) if (r.data[y * r.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) n++;
      return n;
    };
    for (const r of labels) {
      expect([r.width, r.height]).toEqual([800, 1200]);
      expect(inkIn(r, 0, 200)).toBeGreaterThan(500); // heading, count, weight
      expect(inkIn(r, 240, 400)).toBeGreaterThan(500); // the first lines
    }
    // The last label has 5 lines and the signature line near its foot; the first has no signature.
    expect(inkIn(labels[2]!, 1100, 1200)).toBeGreaterThan(300);
    expect(inkIn(labels[0]!, 1100, 1200)).toBe(0);
  });
});
