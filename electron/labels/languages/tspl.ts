import type { Raster } from '../raster';

/**
 * TSPL (TSC, Xprinter, Gprinter): SIZE/GAP/CLS, the image as BITMAP, PRINT. BITMAP data has 0 = black on the
 * printers this was written for (TSC manual: "0 print, 1 no print"), so the raster is inverted.
 */
export function tsplJob(r: Raster, size: { widthMm: number; heightMm: number }): Buffer {
  const inverted = Buffer.from(r.data.map((b) => ~b & 0xff));
  return Buffer.concat([
    Buffer.from(
      `SIZE ${size.widthMm} mm,${size.heightMm} mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1\r\nCLS\r\nBITMAP 0,0,${r.bytesPerRow},${r.height},0,`,
      'latin1',
    ),
    inverted,
    Buffer.from('\r\nPRINT 1,1\r\n', 'latin1'),
  ]);
}

/** A TSPL string literal: a quote inside becomes \\["] so order text cannot end the string and add commands. */
export function tsplText(text: string): string {
  return `"${text.replace(/[\u0000-\u001f]/g, ' ').replace(/"/g, '\\["]')}"`;
}
