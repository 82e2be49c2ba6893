import type fontkit from '@pdf-lib/fontkit';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../resources';

type Font = ReturnType<typeof fontkit.create>;

/**
 * Text as outlines. The bundled font is opened once and each glyph's path kept, so a label's SVG carries no text for
 * the rasteriser to shape (and no 10 MB of fonts to load per label): the same pixels everywhere, in a few ms.
 */
export class GlyphSet {
  private font: Font | null = null;
  private paths = new Map<number, string>();

  constructor(private readonly file: string) {}

  private get f(): Font {
    // fontkit takes ~70 ms to load: only when the first label is drawn, not at every start.
    const kit = createRequire(import.meta.url)('@pdf-lib/fontkit') as typeof fontkit;
    return (this.font ??= kit.create(readFileSync(join(resourcesDir(), 'fonts', this.file))));
  }

  /** Whether every character of `text` has a glyph in this face. */
  covers(text: string): boolean {
    return [...text].every((c) => this.f.hasGlyphForCodePoint(c.codePointAt(0)!));
  }

  /** Width of `text` at `size` (same units as size). */
  width(text: string, size: number): number {
    const run = this.f.layout(text);
    return (run.positions.reduce((w, p) => w + p.xAdvance, 0) / this.f.unitsPerEm) * size;
  }

  /** Opens the font now (a station warms it at start, so the first label does not pay for it). */
  warm(): void {
    void this.f;
  }

  /** The outline of one glyph in font units (y up), as SVG path data; cached. */
  path(id: number): string {
    let d = this.paths.get(id);
    if (d === undefined) this.paths.set(id, (d = this.f.getGlyph(id).path.toSVG()));
    return d;
  }

  /** Glyph ids and pen offsets (in dots at `size`) of `text` laid out from 0; `width` is the advance. */
  run(text: string, size: number): { width: number; glyphs: { id: number; x: number; y: number }[] } {
    const f = this.f;
    const run = f.layout(text);
    const scale = size / f.unitsPerEm;
    let pen = 0;
    const glyphs = run.glyphs.map((g, i) => {
      const pos = run.positions[i]!;
      const at = { id: g.id, x: pen + pos.xOffset * scale, y: -pos.yOffset * scale };
      pen += pos.xAdvance * scale;
      return at;
    });
    return { width: pen, glyphs };
  }

  /** The glyph's bounding box in font units (y up). */
  box(id: number): { minX: number; minY: number; maxX: number; maxY: number } {
    return this.f.getGlyph(id).bbox;
  }

  get unitsPerEm(): number {
    return this.f.unitsPerEm;
  }

  /** SVG for `text` with its baseline at (x, y); anchor start / middle / end. */
  svg(
    text: string,
    x: number,
    y: number,
    size: number,
    anchor: 'start' | 'middle' | 'end',
    fill: string,
  ): string {
    const f = this.f;
    const run = f.layout(text);
    const scale = size / f.unitsPerEm;
    const total = run.positions.reduce((w, p) => w + p.xAdvance, 0) * scale;
    let pen = anchor === 'start' ? x : anchor === 'middle' ? x - total / 2 : x - total;
    const parts: string[] = [];
    run.glyphs.forEach((g, i) => {
      const d = this.path(g.id);
      const pos = run.positions[i]!;
      if (d)
        parts.push(
          `<path transform="translate(${(pen + pos.xOffset * scale).toFixed(2)} ${(y - pos.yOffset * scale).toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})" d="${d}"/>`,
        );
      pen += pos.xAdvance * scale;
    });
    return `<g fill="${fill}">${parts.join('')}</g>`;
  }
}

export const REGULAR = new GlyphSet('NotoSansSC-Regular.ttf');
export const BOLD = new GlyphSet('NotoSansSC-Bold.ttf');

/** Characters the bold subset lacks fall back to the regular face. */
export function faceFor(text: string, bold: boolean): GlyphSet {
  return bold && BOLD.covers(text) ? BOLD : REGULAR;
}
