import bwipjs from 'bwip-js';
import { faceFor } from './glyphs';

export type Anchor = 'start' | 'middle' | 'end';
export type Ink = '#000' | '#fff';

/** A barcode as modules: `rows` of on/off modules, each module drawn as a square of whole dots. */
export interface Bars {
  /** Modules across. */
  columns: number;
  /** One row for a linear code (stretched to the height asked), `columns` rows for QR. */
  rows: boolean[][];
}

/**
 * What a label layout draws with. One layout, two pens: `DotPen` draws straight into the printer's 1-bit raster (the
 * print path), `SvgPen` writes the same drawing as SVG (previews, the Chromium comparison in labels.bench).
 */
export interface Pen {
  rect(x: number, y: number, width: number, height: number, ink?: Ink): void;
  /** Text with its baseline at (x, y), as glyph outlines of the bundled font (never markup, never printer text). */
  text(x: number, y: number, size: number, s: string, bold?: boolean, anchor?: Anchor, ink?: Ink): void;
  /** Bars at whole dots per module, top-left at whole-dot (x, y); `height` stretches a linear code. */
  bars(bars: Bars, x: number, y: number, moduleDots: number, height: number): void;
}

/** Control characters never reach a glyph lookup. */
export const printable = (s: string) => s.replace(/[\u0000-\u001f]/g, '');

/** Text width in dots, as either pen would draw it. */
export const textWidth = (s: string, size: number, bold = false) => {
  const t = printable(s);
  return faceFor(t, bold).width(t, size);
};

/** Code 128 or QR as modules (bwip-js encodes; nothing is rasterised here). */
export function barcodeModules(kind: 'code128' | 'qrcode', text: string): Bars {
  const [sym] = bwipjs.raw(kind, text, {}) as unknown as [
    { sbs?: number[]; pixs?: number[]; pixx?: number; pixy?: number },
  ];
  if (kind === 'qrcode') {
    const n = sym!.pixx!;
    const rows = Array.from({ length: sym!.pixy! }, (_, y) =>
      Array.from({ length: n }, (_, x) => sym!.pixs![y * n + x] === 1),
    );
    return { columns: n, rows };
  }
  // sbs alternates bar, space widths in modules, starting with a bar.
  const row: boolean[] = [];
  sym!.sbs!.forEach((w, i) => {
    for (let k = 0; k < w; k++) row.push(i % 2 === 0);
  });
  return { columns: row.length, rows: [row] };
}

/** The dark runs of a barcode as rectangles in dots: what both pens draw, module for module. */
export function* barRects(
  bars: Bars,
  x: number,
  y: number,
  moduleDots: number,
  height: number,
): Generator<{ x: number; y: number; width: number; height: number }> {
  const rowHeight = bars.rows.length === 1 ? height : moduleDots;
  for (let r = 0; r < bars.rows.length; r++) {
    const row = bars.rows[r]!;
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      let end = c;
      while (end < row.length && row[end]) end++;
      yield { x: x + c * moduleDots, y: y + r * rowHeight, width: (end - c) * moduleDots, height: rowHeight };
      c = end;
    }
  }
}
