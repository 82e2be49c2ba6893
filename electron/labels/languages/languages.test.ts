import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Raster } from '../raster';
import { eplJob } from './epl';
import { escposRasterJob, escposText } from './escpos';
import { pdfJob } from './pdf';
import { tsplJob, tsplText } from './tspl';
import { crc16, decodeGraphicField, graphicField, zplJob, zplText } from './zpl';

/** A 16×2 raster small enough to write every job out byte for byte, as the manuals describe them. */
const tiny: Raster = {
  width: 16,
  height: 2,
  bytesPerRow: 2,
  data: Uint8Array.from([0xf0, 0x0f, 0xaa, 0x55]),
};
const latin1 = (b: Buffer) => b.toString('latin1');

describe('ZPL', () => {
  it('a whole job: UTF-8, width, length, home, the image at 0,0, one copy', () => {
    expect(latin1(zplJob(tiny, 'hex'))).toBe('^XA^CI28^PW16^LL2^LH0,0^FO0,0^GFA,4,4,2,F00FAA55^FS^PQ1^XZ\n');
  });
  it('Z64: zlib of the data, base64, and the CRC-16/XMODEM of the base64 text in capitals', () => {
    const b64 = deflateSync(Buffer.from(tiny.data), { level: 6 }).toString('base64');
    expect(graphicField(tiny)).toBe(`^GFA,4,4,2,:Z64:${b64}:${crc16(b64)}`);
    expect(crc16('123456789')).toBe('31C3'); // the CRC-16/XMODEM check value
    expect(crc16('')).toBe('0000');
    expect(crc16('A')).toBe('58E5');
  });
  it('reads its own fields back and refuses what does not add up', () => {
    expect(decodeGraphicField(`^XA${graphicField(tiny, 'hex')}^FS^XZ`)).toEqual({
      width: 16,
      height: 2,
      bytesPerRow: 2,
      data: tiny.data,
    });
    expect(() => decodeGraphicField('^XA^XZ')).toThrow('no ^GFA field');
    expect(() => decodeGraphicField('^GFA,5,5,2,F00FAA55^FS')).toThrow('^GFA says 5 bytes, data has 4');
    // Z64 is only Z64 when the whole field is: junk before or after is not decoded as if it were.
    const z = graphicField(tiny).split(',').slice(4).join(',');
    expect(() => decodeGraphicField(`^GFA,4,4,2,X${z}^FS`)).toThrow();
    expect(() => decodeGraphicField(`^GFA,4,4,2,${z}0^FS`)).toThrow();
  });
  it('native text fields hex-escape ^ ~ _ and every byte outside printable ASCII', () => {
    expect(zplText('A^B~C_D')).toBe('^FH_^FDA_5EB_7EC_5FD^FS');
    expect(zplText('中')).toBe('^FH_^FD_E4_B8_AD^FS');
    expect(zplText('a\nb\x7f ')).toBe('^FH_^FDa_0Ab_7F ^FS');
    expect(zplText(' ~}')).toBe('^FH_^FD _7E}^FS');
  });
});

describe('TSPL and EPL', () => {
  it('TSPL: size, gap, direction, clear, BITMAP with 0 = black, print one', () => {
    expect(latin1(tsplJob(tiny, { widthMm: 76, heightMm: 130 }))).toBe(
      'SIZE 76 mm,130 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1\r\nCLS\r\nBITMAP 0,0,2,2,0,' +
        latin1(Buffer.from([0x0f, 0xf0, 0x55, 0xaa])) +
        '\r\nPRINT 1,1\r\n',
    );
  });
  it('TSPL strings: a quote becomes \\["], control bytes become spaces', () => {
    expect(tsplText('a"b')).toBe('"a\\["]b"');
    expect(tsplText('x\r\nPRINT 9\x1b')).toBe('"x  PRINT 9 "');
    expect(tsplText('\x1f~')).toBe('" ~"');
  });
  it('EPL: clear, width, length with gap, GW with 0 = black, print one', () => {
    expect(latin1(eplJob(tiny))).toBe(
      '\r\nN\r\nq16\r\nQ2,24\r\nGW0,0,2,2,' + latin1(Buffer.from([0x0f, 0xf0, 0x55, 0xaa])) + '\r\nP1\r\n',
    );
  });
});

describe('ESC/POS', () => {
  it('init, GS v 0 with little-endian width and height, the data, feed and a partial cut', () => {
    const big: Raster = { width: 8 * 300, height: 260, bytesPerRow: 300, data: new Uint8Array(300 * 260) };
    expect([...escposRasterJob(tiny)]).toEqual([
      0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00, 2, 0, 2, 0, 0xf0, 0x0f, 0xaa, 0x55, 0x0a, 0x0a, 0x1d, 0x56, 0x42,
      0x00,
    ]);
    expect([...escposRasterJob(big).subarray(2, 10)]).toEqual([
      0x1d,
      0x76,
      0x30,
      0x00,
      300 & 0xff,
      300 >> 8,
      260 & 0xff,
      260 >> 8,
    ]);
  });
  it('text keeps line feeds and printable characters; every other control byte goes', () => {
    expect(escposText('a\x1b@b\x1dVc\x10\x04d\ne\x7f\t')).toBe('a@bVcd\ne');
    expect(escposText(' 中文 ~')).toBe(' 中文 ~');
  });
});

describe('PDF', () => {
  it('one page of the label size in points, the raster as its image', async () => {
    const pdf = latin1(await pdfJob(tiny, { widthMm: 25.4, heightMm: 50.8 }));
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/MediaBox \[\s*0 0 72 144\s*\]/);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(pdf).toContain('/Subtype /Image');
    // Reproducible: the same label gives the same bytes (no clock inside), and it says who made it.
    expect((await pdfJob(tiny, { widthMm: 25.4, heightMm: 50.8 })).equals(Buffer.from(pdf, 'latin1'))).toBe(
      true,
    );
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(Buffer.from(pdf, 'latin1'), { updateMetadata: false });
    expect([
      doc.getProducer(),
      doc.getCreationDate()?.getTime(),
      doc.getModificationDate()?.getTime(),
    ]).toEqual(['Packbench', 0, 0]);
  });
});
