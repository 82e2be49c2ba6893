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
class GlyphSet {
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
      let d = this.paths.get(g.id);
      if (d === undefined) this.paths.set(g.id, (d = g.path.toSVG()));
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
