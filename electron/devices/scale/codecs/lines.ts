import type { FrameDecoder, ScaleFrame } from './types';

/**
 * Frames that are text lines ending in CR (a following LF is the same end) or a lone LF. Noise glued in front of a
 * line is cut off until what is left parses; a line that never parses, or runs past `maxLine`, is noise.
 */
export class LineDecoder implements FrameDecoder {
  private buf: number[] = [];
  private afterCr = false;
  noise = 0;

  constructor(
    private readonly parse: (line: string, raw: Uint8Array) => ScaleFrame | null,
    private readonly maxLine = 64,
  ) {}

  push(bytes: Uint8Array): ScaleFrame[] {
    const out: ScaleFrame[] = [];
    for (const b of bytes) {
      const lfAfterCr = b === 0x0a && this.afterCr;
      this.afterCr = b === 0x0d;
      if (lfAfterCr) continue;
      if (b === 0x0d || b === 0x0a) {
        if (this.buf.length > 0) {
          const frame = this.take(Uint8Array.from([...this.buf, b]));
          if (frame) out.push(frame);
        }
        this.buf = [];
        continue;
      }
      this.buf.push(b);
      if (this.buf.length > this.maxLine)
        this.noise += this.buf.splice(0, this.buf.length - this.maxLine).length;
    }
    return out;
  }

  private take(raw: Uint8Array): ScaleFrame | null {
    const body = raw.length - 1;
    for (let start = 0; start < body; start++) {
      const line = Buffer.from(raw.subarray(start, body)).toString('latin1');
      const frame = this.parse(line, raw.subarray(start));
      if (frame) {
        this.noise += start;
        return frame;
      }
    }
    this.noise += body;
    return null;
  }
}
