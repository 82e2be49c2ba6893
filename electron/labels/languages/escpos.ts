import type { Raster } from '../raster';

/** ESC/POS raster: init, `GS v 0` (1 = black, MSB left), feed, partial cut. */
export function escposRasterJob(r: Raster): Buffer {
  const header = Buffer.from([
    0x1d,
    0x76,
    0x30,
    0x00,
    r.bytesPerRow & 0xff,
    r.bytesPerRow >> 8,
    r.height & 0xff,
    r.height >> 8,
  ]);
  return Buffer.concat([
    Buffer.from([0x1b, 0x40]),
    header,
    Buffer.from(r.data),
    Buffer.from([0x0a, 0x0a, 0x1d, 0x56, 0x42, 0x00]),
  ]);
}

/** Text for an ESC/POS printer: every control byte (ESC, GS, DLE, …) removed, so order text stays text. */
export const escposText = (text: string) => text.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
