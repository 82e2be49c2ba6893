import { Resvg } from '@resvg/resvg-js';
import { faceFor, type GlyphSet } from './glyphs';
import { barRects, printable, type Anchor, type Bars, type Ink, type Pen } from './pen';
import type { Raster } from './raster';

/** A glyph as printer dots: per row, the runs [x0, x1) that print; (left, top) from the pen position. */
interface GlyphDots {
  left: number;
  top: number;
  /** Flat triples: row, x0, x1 (relative to left/top). */
  runs: Int16Array;
}

// Pen positions are kept to a quarter dot: close enough that the dots match a whole-label render of the outlines,
// few enough that a glyph is drawn a handful of times and then only copied.
const PHASES = 4;
const cache = new Map<GlyphSet, Map<string, GlyphDots>>();

/** One glyph rasterised by resvg at its size and sub-dot phase. */
function glyphDots(face: GlyphSet, id: number, size: number, phaseX: number, phaseY: number): GlyphDots {
  let byKey = cache.get(face);
  if (!byKey) cache.set(face, (byKey = new Map()));
  const key = `${id}:${size}:${phaseX}:${phaseY}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const scale = size / face.unitsPerEm;
  const box = face.box(id);
  const ox = phaseX / PHASES;
  const oy = phaseY / PHASES;
  const left = Math.floor(ox + box.minX * scale) - 1;
  const top = Math.floor(oy - box.maxY * scale) - 1;
  const width = Math.max(1, Math.ceil(ox + box.maxX * scale) + 1 - left);
  const height = Math.max(1, Math.ceil(oy - box.minY * scale) + 1 - top);
  const d = face.path(id);
  const runs: number[] = [];
  if (d) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><path transform="translate(${(ox - left).toFixed(2)} ${(oy - top).toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})" d="${d}"/></svg>`;
    // Crisp edges (no anti-aliasing), as renderSvg draws a whole label: a dot prints when its centre is inside.
    const rgba = new Resvg(svg, {
      fitTo: { mode: 'original' },
      font: { loadSystemFonts: false },
      shapeRendering: 1,
    }).render().pixels;
    const on = (x: number, y: number) => rgba[(y * width + x) * 4 + 3]! >= 128;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (!on(x, y)) continue;
        const x0 = x;
        while (x < width && on(x, y)) x++;
        runs.push(y, x0, x);
      }
  }
  const dots = { left, top, runs: Int16Array.from(runs) };
  byKey.set(key, dots);
  return dots;
}

/**
 * Draws straight into the printer's 1-bit raster: rules and bars as whole dots, glyphs copied from a cache of their
 * dots. No full-label SVG is rasterised and no RGBA page is thresholded, so a face sheet costs a few milliseconds.
 */
export class DotPen implements Pen {
  readonly raster: Raster;

  constructor(width: number, height: number) {
    const bytesPerRow = Math.ceil(width / 8);
    this.raster = { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
  }

  /** Dots [x0, x1) of row y printed (or cleared), clipped to the label. */
  private span(y: number, x0: number, x1: number, on: boolean): void {
    const r = this.raster;
    if (y < 0 || y >= r.height) return;
    x0 = Math.max(0, x0);
    x1 = Math.min(r.width, x1);
    const row = y * r.bytesPerRow;
    for (let x = x0; x < x1;) {
      const i = row + (x >> 3);
      if ((x & 7) === 0 && x + 8 <= x1) {
        const whole = (x1 - x) >> 3;
        r.data.fill(on ? 0xff : 0, i, i + whole);
        x += whole * 8;
        continue;
      }
      const bit = 0x80 >> (x & 7);
      if (on) r.data[i]! |= bit;
      else r.data[i]! &= ~bit;
      x++;
    }
  }

  rect(x: number, y: number, width: number, height: number, ink: Ink = '#000'): void {
    const x0 = Math.round(x);
    const x1 = Math.round(x + width);
    for (let yy = Math.round(y); yy < Math.round(y + height); yy++) this.span(yy, x0, x1, ink === '#000');
  }

  text(
    x: number,
    y: number,
    size: number,
    s: string,
    bold = false,
    anchor: Anchor = 'start',
    ink: Ink = '#000',
  ) {
    const t = printable(s);
    if (!t) return;
    const face = faceFor(t, bold);
    const run = face.run(t, size);
    const start = anchor === 'start' ? x : anchor === 'middle' ? x - run.width / 2 : x - run.width;
    const on = ink === '#000';
    for (const g of run.glyphs) {
      const gx = start + g.x;
      const gy = y + g.y;
      const px = Math.floor(gx);
      const py = Math.floor(gy);
      const phaseX = Math.round((gx - px) * PHASES);
      const phaseY = Math.round((gy - py) * PHASES);
      const { left, top, runs } = glyphDots(face, g.id, size, phaseX, phaseY);
      for (let i = 0; i < runs.length; i += 3)
        this.span(py + top + runs[i]!, px + left + runs[i + 1]!, px + left + runs[i + 2]!, on);
    }
  }

  bars(bars: Bars, x: number, y: number, moduleDots: number, height: number): void {
    for (const r of barRects(bars, x, y, moduleDots, height)) this.rect(r.x, r.y, r.width, r.height);
  }
}
