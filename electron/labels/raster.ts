import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';

/** A 1-bit image in printer order: rows top to bottom, MSB = leftmost dot, 1 = black. */
export interface Raster {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

/**
 * Renders SVG whose units are dots 1:1. Label text arrives as glyph outlines (glyphs.ts), so no fonts are loaded here
 * and no system font can change a label.
 */
export function renderSvg(svg: string): { width: number; height: number; rgba: Uint8Array } {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: false },
    shapeRendering: 1,
    textRendering: 1,
  });
  const image = resvg.render();
  return { width: image.width, height: image.height, rgba: image.pixels };
}

/** Threshold at half grey: dark dots print. */
export function toRaster({
  width,
  height,
  rgba,
}: {
  width: number;
  height: number;
  rgba: Uint8Array;
}): Raster {
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = rgba[i + 3]! / 255;
      const lum =
        (0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!) * alpha + 255 * (1 - alpha);
      if (lum < 128) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, bytesPerRow, data };
}

export function rasterToPng(r: Raster): Buffer {
  const gray = Buffer.alloc(r.width * r.height);
  for (let y = 0; y < r.height; y++)
    for (let x = 0; x < r.width; x++)
      gray[y * r.width + x] = r.data[y * r.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7)) ? 0 : 255;
  return PNG.sync.write({ width: r.width, height: r.height, data: gray } as never, {
    colorType: 0,
    inputColorType: 0,
  });
}

/** A PNG (e.g. a carrier's label image) as a raster, scaled by whole pixels only, never resampled. */
export function pngToRaster(png: Buffer): Raster {
  const img = PNG.sync.read(png);
  return toRaster({ width: img.width, height: img.height, rgba: img.data });
}
