import {
  ascii,
  fromGrams,
  hex,
  toGrams,
  type FrameDecoder,
  type ScaleCodec,
  type ScaleFrame,
  type WeightUnit,
} from './types';

const STX = 0x02;
const CR = 0x0d;
const LENGTH = 18;
/** SWA bits 0–2: where the decimal point goes (×100 … ×0.00001). */
const DECIMAL = [100, 10, 1, 0.1, 0.01, 0.001, 0.0001, 0.00001];

/** Two's complement of the 7-bit sum of every byte before it (STX through CR). */
export const toledoChecksum = (bytes: Uint8Array) => -bytes.reduce((s, b) => s + b, 0) & 0x7f;

class ToledoContinuousDecoder implements FrameDecoder {
  private buf: number[] = [];
  noise = 0;
  constructor(private readonly unit: WeightUnit) {}

  push(bytes: Uint8Array): ScaleFrame[] {
    const out: ScaleFrame[] = [];
    for (const b of bytes) {
      if (this.buf.length === 0 && b !== STX) {
        this.noise++;
        continue;
      }
      this.buf.push(b);
      if (this.buf.length === 17 && b !== CR) {
        // Not a frame after all: drop the STX and look for the next one inside what we took.
        const rest = this.buf.slice(1);
        this.noise++;
        this.buf = [];
        out.push(...this.push(Uint8Array.from(rest)));
        continue;
      }
      if (this.buf.length === LENGTH) {
        out.push(this.parse(Uint8Array.from(this.buf)));
        this.buf = [];
      }
    }
    return out;
  }

  private parse(raw: Uint8Array): ScaleFrame {
    if (toledoChecksum(raw.subarray(0, 17)) !== (raw[17]! & 0x7f))
      return { type: 'error', error: 'checksum', raw: hex(raw) };
    const [swa, swb, swc] = [raw[1]!, raw[2]!, raw[3]!];
    if (swb & 0x40) return { type: 'error', error: 'not-zeroed', raw: hex(raw) };
    const negative = (swb & 0x02) !== 0;
    if (swb & 0x04) return { type: 'error', error: negative ? 'underload' : 'overload', raw: hex(raw) };
    if (negative) return { type: 'error', error: 'negative', raw: hex(raw) };
    const factor = DECIMAL[swa & 0x07]!;
    const increment = [1, 1, 2, 5][(swa >> 3) & 0x03]!;
    const override = swc & 0x07;
    const unit: WeightUnit =
      override === 1
        ? 'g'
        : override === 3
          ? 'oz'
          : swb & 0x10
            ? 'kg'
            : this.unit === 'kg'
              ? 'lb'
              : this.unit;
    const tonnes = override === 2;
    const value = Number(Buffer.from(raw.subarray(4, 10)).toString('latin1')) * factor * (tonnes ? 1000 : 1);
    return {
      type: 'weight',
      grams: toGrams(value, unit),
      stable: (swb & 0x08) === 0,
      net: (swb & 0x01) !== 0,
      divisionG: Math.max(1, toGrams(factor * increment, unit)),
      raw: hex(raw),
    };
  }
}

/** Mettler Toledo continuous output (also Ohaus, Cardinal, Rice Lake and many "MT format" indicators): 18 bytes. */
export const toledoContinuous: ScaleCodec = {
  name: 'toledo-continuous',
  kind: 'continuous',
  serial: { baud: 9600, parity: 'none', dataBits: 8 },
  decoder: (unit) => new ToledoContinuousDecoder(unit),
  frame(w) {
    // Emulates a kg indicator with 3 decimals and increment 1: SWA 0x2D.
    const swb =
      0x20 |
      0x10 |
      (w.net ? 0x01 : 0) |
      (w.grams < 0 || w.underload ? 0x02 : 0) |
      (w.overload || w.underload ? 0x04 : 0) |
      (w.stable ? 0 : 0x08);
    const digits = String(Math.round(Math.abs(fromGrams(w.grams, 'kg')) * 1000))
      .padStart(6, '0')
      .slice(-6);
    const body = Uint8Array.from([STX, 0x2d, swb, 0x20, ...ascii(digits), ...ascii('000000'), CR]);
    return Uint8Array.from([...body, toledoChecksum(body)]);
  },
};
