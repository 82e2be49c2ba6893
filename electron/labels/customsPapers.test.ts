import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBarcodes } from 'zxing-wasm/reader';
import { prepareBarcodeReader } from '../testing/barcodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfWords, popplerMissing, tempDir } from '../testing';
import {
  commercialInvoicePdf,
  customsLabelPdf,
  customsPapers,
  decodeGraphicField,
  labelDots,
  pdfToRaster,
  rasterToPng,
  type CustomsPaper,
} from '.';

// The customs papers read as a person reads them: every word the PDF holds has ink (the CJK font embedded right), and
// what customs needs is there — parties, lines with HS code and origin, totals, the declaration and signature line.
const missing = popplerMissing();
const { dir, cleanup } = tempDir();
afterAll(cleanup);
beforeAll(async () => {
  await prepareBarcodeReader();
});

const paper = (over: Partial<CustomsPaper> = {}): CustomsPaper => ({
  orderNo: 'XB-1',
  waybillNo: 'SF1400000001',
  carrier: 'SF',
  date: new Date('2026-11-30T08:00:00Z'),
  shipper: {
    name: 'Packbench 仓',
    phone: '0571-88888888',
    address: '西湖区 文三路 90 号',
    city: '杭州市',
    province: '浙江省',
    country: 'China (CN)',
  },
  buyer: {
    name: 'Anna Müller',
    phone: '+49 30 1234567',
    address: 'Unter den Linden 1',
    city: 'Berlin',
    province: 'Berlin',
    country: 'Germany (DE)',
    taxId: 'DE123456789',
  },
  document: 'CN22',
  incoterm: 'DDP',
  ioss: 'IM2760000001',
  currency: 'EUR',
  grossWeightG: 780,
  items: [
    {
      description: 'Green tea',
      descriptionZh: '绿茶',
      hsCode: '090210',
      originCountry: 'CN',
      qty: 2,
      unitValueCents: 1500,
      netWeightG: 560,
    },
    {
      description: 'Ceramic mug',
      descriptionZh: '陶瓷马克杯',
      hsCode: '69120010',
      originCountry: 'CN',
      qty: 1,
      unitValueCents: 1250,
      netWeightG: 350,
    },
  ],
  ...over,
});

describe.skipIf(missing)('customs papers', () => {
  it('the CN22 label: the parties, each line coded, the totals, the declaration; every word inked', async () => {
    const file = join(dir, 'cn22.pdf');
    writeFileSync(file, await customsLabelPdf(paper()));
    const words = pdfWords(file);
    const text = words.map((w) => w.text).join(' ');
    for (const w of [
      'CN22',
      'SF1400000001',
      'Müller',
      'DE123456789',
      'Green',
      '090210',
      '69120010',
      '42.50',
      'EUR',
      'IOSS',
      'DDP',
      '0.780',
      '签名',
    ])
      expect(text).toContain(w);
    expect(words.filter((w) => w.ink === 0)).toEqual([]);
  });

  it('a CN23 says so; the invoice (A4, English and Chinese) has every line, the total and the signature line', async () => {
    const cn23 = join(dir, 'cn23.pdf');
    writeFileSync(cn23, await customsLabelPdf(paper({ document: 'CN23' })));
    expect(pdfWords(cn23).map((w) => w.text)).toContain('CN23');
    const file = join(dir, 'invoice.pdf');
    writeFileSync(file, await commercialInvoicePdf(paper()));
    const words = pdfWords(file);
    const text = words.map((w) => w.text).join(' ');
    for (const w of [
      'COMMERCIAL',
      'INVOICE',
      '商业发票',
      'XB-1',
      'Seller',
      'Buyer',
      'Green',
      '绿茶',
      '090210',
      '15.00',
      '30.00',
      '12.50',
      '42.50',
      'DDP',
      'Signature',
      '0.910',
    ])
      expect(text).toContain(w);
    expect(words.filter((w) => w.ink === 0)).toEqual([]);
  });

  it('the CN22 as the label printer gets it: its waybill barcode scans at 203 dpi, in the PDF and in the ZPL sent', async () => {
    const dots = labelDots('100x150', 203);
    const raster = await pdfToRaster(await customsLabelPdf(paper()), dots.width, dots.height);
    const read = async (png: Buffer) =>
      (await readBarcodes(new Uint8Array(png), { formats: ['Code128'], tryHarder: true })).map((r) => r.text);
    expect(await read(rasterToPng(raster))).toEqual(['SF1400000001']);
    const { label } = await customsPapers(paper(), {
      label: { size: '100x150', dpi: 203, language: 'zpl' },
      invoice: false,
    });
    const zpl = label!.toString('latin1');
    expect(zpl).toMatch(/^\^XA/);
    expect(await read(rasterToPng(decodeGraphicField(zpl)))).toEqual(['SF1400000001']);
  });
});
