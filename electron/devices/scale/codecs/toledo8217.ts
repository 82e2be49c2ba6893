import {
  ascii,
  divisionOf,
  fromGrams,
  hex,
  toGrams,
  type FrameDecoder,
  type ScaleCodec,
  type ScaleError,
  type ScaleFrame,
  type WeightUnit,
} from './types';

const STX = 0x02;
const CR = 0x0d;

/** Status byte of a `02 3F <status> 0D` reply, most serious first. */
function statusError(status: number): ScaleError {
  if (status & 0x02) return 'overload';
  if (status & 0x04) return 'underload';
  if (status & 0x08) return 'not-zeroed';
  if (status & 0x01) return 'motion';
  if (status & 0x40) return 'command';
  if (status & 0x80) return 'parity';
  return 'busy';
}

class Toledo8217Decoder implements FrameDecoder {
  private frame: number[] | null = null;
  noise = 0;
  constructor(private readonly unit: WeightUnit) {}

  push(bytes: Uint8Array): ScaleFrame[] {
    const out: ScaleFrame[] = [];
    for (const b of bytes) {
      if (b === STX) {
        if (this.frame) this.noise += this.frame.length;
        this.frame = [b];
        continue;
      }
      if (!this.frame) {
        this.noise++;
        continue;
      }
      this.frame.push(b);
      if (b === CR) {
        const f = this.parse(Uint8Array.from(this.frame));
        if (f) out.push(f);
        else this.noise += this.frame.length;
        this.frame = null;
      } else if (this.frame.length > 16) {
        this.noise += this.frame.length;
        this.frame = null;
      }
    }
    return out;
  }

  private parse(raw: Uint8Array): ScaleFrame | null {
    const body = Buffer.from(raw.subarray(1, raw.length - 1)).toString('latin1');
    if (body === 'E') return null; // echo-mode banner of the probe
    if (body.startsWith('?') && body.length === 2)
      return { type: 'error', error: statusError(body.charCodeAt(1)), raw: hex(raw) };
    const m = /^\s*(-?)([0-9.]+)(N?)$/.exec(body);
    if (!m) return null;
    if (m[1]) return { type: 'error', error: 'negative', raw: hex(raw) };
    // A weight reply is only sent once the scale is stable.
    return {
      type: 'weight',
      grams: toGrams(Number(m[2]), this.unit),
      stable: true,
      net: m[3] === 'N',
      divisionG: divisionOf(m[2]!, this.unit),
      raw: hex(raw),
    };
  }
}

/** Mettler Toledo 8217 demand mode, 9600 7E1: single-byte `W`, `Z`, `T`, `C`; replies `STX …  CR`. */
export const toledo8217: ScaleCodec = {
  name: 'toledo8217',
  kind: 'demand',
  serial: { baud: 9600, parity: 'even', dataBits: 7 },
  poll: ascii('W'),
  zero: ascii('Z'),
  tare: ascii('T'),
  decoder: (unit) => new Toledo8217Decoder(unit),
  frame: (w, unit) => toledo8217.answer!('W', w, unit)!,
  answer(command, w, unit) {
    if (command.startsWith('E')) return Uint8Array.from([STX, 0x45, CR, ...ascii(command.slice(1))]);
    if (command !== 'W') return null;
    let status = 0;
    if (w.overload) status |= 0x02;
    else if (w.underload || w.grams < 0) status |= 0x04;
    else if (!w.stable) status |= 0x01;
    // Bit 5 kept set so the status byte stays printable, as real indicators send it.
    if (status) return Uint8Array.from([STX, 0x3f, 0x20 | status, CR]);
    const value = fromGrams(w.grams, unit).toFixed(3).padStart(6, '0');
    return Uint8Array.from([STX, ...ascii(value + (w.net ? 'N' : '')), CR]);
  },
};
