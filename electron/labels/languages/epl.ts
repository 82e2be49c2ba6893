import type { Raster } from '../raster';

/** EPL2: `N`, width/length, the image as GW (data 0 = black, as TSPL), `P1`. */
export function eplJob(r: Raster): Buffer {
  const inverted = Buffer.from(r.data.map((b) => ~b & 0xff));
  return Buffer.concat([
    Buffer.from(`\r\nN\r\nq${r.width}\r\nQ${r.height},24\r\nGW0,0,${r.bytesPerRow},${r.height},`, 'latin1'),
    inverted,
    Buffer.from('\r\nP1\r\n', 'latin1'),
  ]);
}
