import { describe, expect, it } from 'vitest';
import { parseEscposStatus, parseTsplStatus, parseZplStatus, REPORTS, type PrinterCondition } from './index';

// Byte samples written from the manuals (../shared/reference/printers.md), not from our capture printer. Each
// reply carries the fixed bits real printers set (ESC/POS: bits 1 and 4 always 1 → 0x12).
describe('ESC/POS DLE EOT 1, 2, 4 (one byte each)', () => {
  it.each<[string, number[], PrinterCondition]>([
    ['all clear', [0x12, 0x12, 0x12], 'ready'],
    ['n=1 bit 3: offline', [0x1a, 0x12, 0x12], 'offline'],
    ['n=2 bit 2: cover open', [0x12, 0x16, 0x12], 'cover-open'],
    ['n=2 bit 5: stopped at paper end', [0x12, 0x32, 0x12], 'paper-out'],
    ['n=2 bit 6: error', [0x12, 0x52, 0x12], 'error'],
    ['n=4 bits 5–6: paper out', [0x12, 0x12, 0x72], 'paper-out'],
  ])('%s', (_what, bytes, condition) => {
    expect(parseEscposStatus(Buffer.from(bytes)).condition).toBe(condition);
  });
});

describe('ZPL ~HS (three STX…ETX CR LF strings)', () => {
  const hs = (paperOut: number, paused: number, headUp: number, ribbonOut: number) =>
    Buffer.from(
      `\x02030,${paperOut},${paused},1245,000,0,0,0,000,0,0,0\x03\r\n` +
        `\x02001,0,${headUp},${ribbonOut},1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`,
      'latin1',
    );
  it.each<[string, Buffer, PrinterCondition]>([
    ['all clear', hs(0, 0, 0, 0), 'ready'],
    ['line 1 field 2: paper out', hs(1, 0, 0, 0), 'paper-out'],
    ['line 1 field 3: paused', hs(0, 1, 0, 0), 'paused'],
    ['line 2 field 3: head up', hs(0, 0, 1, 0), 'head-open'],
    ['line 2 field 4: ribbon out', hs(0, 0, 0, 1), 'error'],
  ])('%s', (_what, reply, condition) => {
    expect(parseZplStatus(reply).condition).toBe(condition);
  });
});

describe('TSPL ESC ! ? (one byte)', () => {
  it.each<[number, PrinterCondition]>([
    [0x00, 'ready'],
    [0x01, 'head-open'],
    [0x02, 'error'], // paper jam
    [0x04, 'paper-out'],
    [0x08, 'error'], // no ribbon
    [0x10, 'paused'],
    [0x20, 'ready'], // printing
    [0x40, 'cover-open'],
  ])('0x%s', (byte, condition) => {
    expect(parseTsplStatus(Buffer.from([byte])).condition).toBe(condition);
  });
});

describe('what each language can report', () => {
  it('lists only conditions its parser can produce (plus offline, which is no answer)', () => {
    const produced: Record<string, Set<PrinterCondition>> = {
      escpos: new Set(
        Array.from({ length: 256 }, (_, b) => parseEscposStatus(Buffer.from([b, b, b])).condition),
      ),
      tspl: new Set(Array.from({ length: 256 }, (_, b) => parseTsplStatus(Buffer.from([b])).condition)),
    };
    for (const lang of ['escpos', 'tspl'] as const)
      for (const c of REPORTS[lang]) if (c !== 'offline') expect(produced[lang], `${lang} ${c}`).toContain(c);
    expect(REPORTS.zpl).not.toContain('cover-open');
    expect(REPORTS.escpos).not.toContain('paused');
  });
});
